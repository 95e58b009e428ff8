using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Density;

/// <summary>
/// The footprint of one encoding built from one page list, counted from the structure actually built;
/// or, when the encoding refuses the input, why (reports show "n/a: reason", never zero). <see cref="OwnerChanges"/>
/// is a fact of the page list: how many pages belong to another owner (RAM or a BAR) than the page before.
/// </summary>
public sealed record DensityResult(string Encoding, string Scenario, ulong PinnedBytes, ulong Pages, Footprint? Footprint, Refusal? Refusal,
    IReadOnlyList<DmaDensityResult> Dma, ulong OwnerChanges = 0)
{
    public bool Supported => Footprint is not null;

    public double BytesPerPage => Footprint is { } f ? f.BytesPerPage(Pages) : double.NaN;
}
