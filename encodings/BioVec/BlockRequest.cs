namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// A request as block/blk-mq-dma.c maps it: where its ranges start (a cursor for <see cref="BioChain.NextRange"/>),
/// how many bvecs it has, its payload (<c>blk_rq_payload_bytes</c>: no walk needed to size its IOVA), the gaps
/// between its bvecs (<c>req_phys_gap_mask</c>) and the provider of its first page, which fixes its P2P mode
/// (<c>pci_p2pdma_state</c> on the first range only).
/// </summary>
public readonly record struct BlockRequest(RangeCursor Ranges, long RangeCount, ulong Bytes, ulong GapMask, int Provider)
{
    /// <summary><c>blk_can_dma_map_iova</c>: every interior boundary on an IOMMU granule, so one IOVA window serves.</summary>
    public bool FitsOneWindow(ulong granule) => (GapMask & (granule - 1)) == 0;
}
