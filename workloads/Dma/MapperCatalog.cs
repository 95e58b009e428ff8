namespace BenchSuite.Workloads.Dma;

/// <summary>A DMA mapper every encoding shares (DESIGN.md §4), by name.</summary>
public sealed record MapperInfo(string Name, MapperKind Kind, string Description);

/// <summary>The DMA mappers by the names the command line and the reports use.</summary>
public static class MapperCatalog
{
    public static IReadOnlyList<MapperInfo> All { get; } =
    [
        new("direct", MapperKind.Direct, "no IOMMU: dma = phys (BAR pages: bus address, flagged); one segment per entry"),
        new("iommu", MapperKind.Iommu, "IOVA + IO page table; whole entries packed into segments up to max_segment"),
        new("p2p", MapperKind.P2P, "IOVA for RAM, flagged bus addresses for BAR entries, each its own segment"),
        new("iova-link", MapperKind.IovaLink, "two-step DMA API (v6.16): one IOVA window, a dma_iova_link per range, one dma_iova_sync; dma_map_phys per range where a range cannot join"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    public static MapperInfo Find(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new InputException($"unknown mapper '{name}'; known: {string.Join(", ", Names)}");
}
