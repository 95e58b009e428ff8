namespace BenchSuite.Workloads.Dma;

/// <summary>A DMA mapper every encoding shares (DESIGN.md §4), by name.</summary>
public sealed record MapperInfo(string Name, string Description, bool Built);

/// <summary>
/// The DMA mappers, named here so <c>list</c> and the command line agree on them before their code lands.
/// Entries with <see cref="MapperInfo.Built"/> false are announced as such, never run.
/// </summary>
public static class MapperCatalog
{
    public static IReadOnlyList<MapperInfo> All { get; } =
    [
        new("direct", "no IOMMU: dma = phys + the bus offset; ranges keep their boundaries", Built: false),
        new("iommu", "IOVA allocator + IO page table at the largest fitting page size; one IOVA range when boundaries align", Built: false),
        new("p2p", "bus addresses for device BAR ranges, flagged, never coalesced with IOVA ranges", Built: false),
    ];
}
