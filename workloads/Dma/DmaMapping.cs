namespace BenchSuite.Workloads.Dma;

/// <summary>
/// What a mapping holds until it is unmapped, like <c>struct dma_iova_state</c>: the IOVA range (none for
/// dma-direct) and how many segments the device was given.
/// </summary>
public readonly record struct DmaMapping(ulong IovaBase, ulong IovaBytes, long Segments)
{
    public bool UsesIova => IovaBytes != 0;
}
