namespace BenchSuite.Workloads.Dma;

/// <summary>A DMA mapper every encoding shares (DESIGN.md §4), by name.</summary>
/// <param name="Origin">the mainline code it follows and the release that merged it (the report's origins table).</param>
public sealed record MapperInfo(string Name, MapperKind Kind, string Description, string Origin);

/// <summary>The DMA mappers by the names the command line and the reports use.</summary>
public static class MapperCatalog
{
    public static IReadOnlyList<MapperInfo> All { get; } =
    [
        new("direct", MapperKind.Direct, "no IOMMU: dma = phys (BAR pages: bus address, flagged); one segment per entry",
            "mainline: dma_direct_map_sg (kernel/dma/direct.c); generic dma-direct since early 2018, commit 002e67454f61 (release not pinned)"),
        new("iommu", MapperKind.Iommu, "IOVA + IO page table; whole entries packed into segments up to max_segment",
            "mainline: iommu_dma_map_sg (drivers/iommu/dma-iommu.c, v4.4); AMD-Vi uses it since v5.5, Intel VT-d since v5.11"),
        new("p2p", MapperKind.P2P, "IOVA for RAM, flagged bus addresses for BAR entries, each its own segment",
            "mainline: PCI P2PDMA (v4.20); bus addresses in dma-iommu's map_sg, SG_DMA_BUS_ADDRESS (v6.0)"),
        new("iova-link", MapperKind.IovaLink, "two-step DMA API: one IOVA window, a dma_iova_link per range, one dma_iova_sync; dma_map_phys per range where a range cannot join",
            "mainline: dma_iova_try_alloc/link/sync/destroy (v6.16); dma_map_phys, its per-range fallback (v6.18)"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToList();

    public static MapperInfo Find(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new InputException($"unknown mapper '{name}'; known: {string.Join(", ", Names)}");
}
