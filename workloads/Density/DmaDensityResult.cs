using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;

namespace BenchSuite.Workloads.Density;

/// <summary>
/// The DMA output one mapper made from one built list: the segments the device was given, and the footprint of the
/// output as stored (in-place, identity and bio_vec outputs add nothing). <see cref="Reason"/> says why there is no
/// footprint: the output refused the mapping, or the list was not mapped. <see cref="PageTable"/> is what the mapping
/// wrote to the IO page table (none for dma-direct).
/// </summary>
public sealed record DmaDensityResult(string Mapper, long Segments, Footprint? Footprint, string? Reason, PageTableWork? PageTable = null)
{
    public bool Supported => Footprint is not null;
}
