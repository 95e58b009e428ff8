namespace BenchSuite.Workloads.Dma;

/// <summary>
/// What a mapping holds until it is unmapped, like <c>struct dma_iova_state</c>: the IOVA span (none for
/// dma-direct), how many IOVA allocations it holds there (one, or the block layer's one per range when a request's
/// boundaries do not align), and how many segments the device was given.
/// </summary>
public readonly record struct DmaMapping(ulong IovaBase, ulong IovaBytes, long Segments, int IovaAllocations = 1)
{
    public bool UsesIova => IovaBytes != 0;
}
