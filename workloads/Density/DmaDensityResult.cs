using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Density;

/// <summary>
/// The DMA output one mapper made from one built list: the segments the device was given, and the footprint of the
/// output as stored (in-place, identity and bio_vec outputs add nothing). <see cref="Reason"/> says why there is no
/// footprint: the output refused the mapping, or the list was not mapped.
/// </summary>
public sealed record DmaDensityResult(string Mapper, long Segments, Footprint? Footprint, string? Reason)
{
    public bool Supported => Footprint is not null;
}
