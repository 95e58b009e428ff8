using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;

namespace BenchSuite.Workloads.Dma;

/// <summary>Which block driver sets a device's queue limits, the ones the block layer splits requests at (biovec).</summary>
public enum BlockQueue
{
    /// <summary>No block queue: nothing is split into requests.</summary>
    None,
    /// <summary>nvme-pci's limits, which depend on whether an IOMMU translates (<see cref="BlockQueues.Limits"/>).</summary>
    Nvme,
}

public static class BlockQueues
{
    const ulong NvmeMaxBytes = 8UL << 20;          // drivers/nvme/host/pci.c, NVME_MAX_BYTES (SZ_8M)
    const int NvmeMaxSegments = 4096 / 16;         // pci.c, NVME_MAX_SEGS: NVME_CTRL_PAGE_SIZE / sizeof(struct nvme_sgl_desc)
    const ulong NvmeCtrlPage = 4096;               // NVME_CTRL_PAGE_SIZE
    const ulong IovaRcacheRange = 4096UL << 5;     // drivers/iommu/iova.c, iova_rcache_range: PAGE_SIZE << (IOVA_RANGE_CACHE_MAX_SIZE - 1)
    const ulong DefaultMaxSectorsCap = 4UL << 20;  // include/linux/blkdev.h, BLK_DEF_MAX_SECTORS_CAP: 4 MiB since 9b8b84879d4a (1280 KiB before)

    /// <summary>
    /// The limits of <paramref name="queue"/> on a device mapped by <paramref name="kind"/> with DMA limits
    /// <paramref name="dma"/> (max_segment_size and seg_boundary_mask are the DMA ones for nvme: core.c sets
    /// <c>max_segment_size = UINT_MAX</c>, and the boundary is the default 4 GiB).
    /// </summary>
    public static QueueLimits Limits(BlockQueue queue, MapperKind kind, DmaLimits dma)
    {
        if (queue == BlockQueue.None)
            return QueueLimits.None;
        // nvme_pci_alloc_dev: max_hw_sectors = min(NVME_MAX_BYTES, dma_opt_mapping_size); behind an IOMMU that is
        // iommu_dma_opt_mapping_size = iova_rcache_range (128 KiB), without one SIZE_MAX.
        ulong maxHwBytes = kind == MapperKind.Direct ? NvmeMaxBytes : Math.Min(NvmeMaxBytes, IovaRcacheRange);
        // core.c, nvme_set_ctrl_limits: max_segments = min(nvme_max_drv_segments = max_hw_sectors / 8 + 1, NVME_MAX_SEGS).
        int maxSegments = (int)Math.Min((ulong)NvmeMaxSegments, maxHwBytes / NvmeCtrlPage + 1);
        // block/blk-settings.c, blk_validate_limits: max_sectors = min(max_hw_sectors, BLK_DEF_MAX_SECTORS_CAP).
        ulong maxBytes = Math.Min(maxHwBytes, DefaultMaxSectorsCap);
        return new QueueLimits(maxBytes, maxSegments, new DeviceSegmentation(dma.MaxSegment, dma.BoundaryMask));
    }

    public static string Describe(BlockQueue queue) => queue switch
    {
        BlockQueue.Nvme => $"queue: {Limits(queue, MapperKind.Iommu, DmaLimits.None)} behind an IOMMU, " +
                           $"{Limits(queue, MapperKind.Direct, DmaLimits.None)} without",
        _ => "",
    };
}
