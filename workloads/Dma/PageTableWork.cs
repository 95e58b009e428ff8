namespace BenchSuite.Workloads.Dma;

/// <summary>What writing an IO page table cost (claim C11): <c>iommu_map</c> calls, leaf entries written, walks from the root.</summary>
public readonly record struct PageTableWork(long MapCalls, long EntriesWritten, long Walks)
{
    public static PageTableWork operator -(PageTableWork a, PageTableWork b) =>
        new(a.MapCalls - b.MapCalls, a.EntriesWritten - b.EntriesWritten, a.Walks - b.Walks);
}
