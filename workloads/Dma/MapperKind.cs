namespace BenchSuite.Workloads.Dma;

/// <summary>The three ways a device may see memory (DESIGN.md §4).</summary>
public enum MapperKind
{
    /// <summary>No IOMMU (dma-direct): DMA address = physical address, BAR pages at their bus address; no coalescing.</summary>
    Direct,
    /// <summary>
    /// dma-iommu: RAM and BAR pages alike get IOVA (a BAR reached through the host bridge is mapped like memory,
    /// <c>PCI_P2PDMA_MAP_THRU_HOST_BRIDGE</c>), coalesced to one IOVA range when interior boundaries are granule aligned.
    /// </summary>
    Iommu,
    /// <summary>
    /// dma-iommu for RAM, and the peer's bus address for BAR pages behind the same switch
    /// (<c>PCI_P2PDMA_MAP_BUS_ADDR</c>): flagged, never given IOVA, and splitting the IOVA output around them.
    /// </summary>
    P2P,
    /// <summary>
    /// The two-step DMA API (drivers/iommu/dma-iommu.c, v6.16): one IOVA window for the whole list
    /// (<c>dma_iova_try_alloc</c>), one <c>dma_iova_link</c> per range, one <c>dma_iova_sync</c>; BAR pages get the
    /// peer's bus address as with <see cref="P2P"/>. Where a range cannot join the window, every range is mapped alone
    /// (<c>dma_map_phys</c>), as the block layer falls back.
    /// </summary>
    IovaLink,
}
