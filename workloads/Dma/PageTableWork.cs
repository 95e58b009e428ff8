namespace BenchSuite.Workloads.Dma;

/// <summary>
/// What writing an IO page table cost (claims C11, C12): map calls (<c>iommu_map</c>, or <c>dma_iova_link</c>'s
/// <c>iommu_map_nosync</c>), leaf entries written, walks from the root, and IOTLB syncs (<c>iommu_sync_map</c>).
/// </summary>
public readonly record struct PageTableWork(long MapCalls, long EntriesWritten, long Walks, long Syncs)
{
    public static PageTableWork operator -(PageTableWork a, PageTableWork b) =>
        new(a.MapCalls - b.MapCalls, a.EntriesWritten - b.EntriesWritten, a.Walks - b.Walks, a.Syncs - b.Syncs);
}
