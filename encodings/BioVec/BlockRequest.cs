namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// A request as block/blk-mq-dma.c maps it: where its ranges start (a cursor for <see cref="BioChain.NextRequestRange"/>,
/// possibly inside a bvec when a bio was split), its payload (<c>blk_rq_payload_bytes</c>: no walk needed to size its
/// IOVA), its segment count as the split counted it (<c>nr_phys_segments</c>; 0 when the queue has no limits and
/// nothing counted), the gaps between its bvecs (<c>req_phys_gap_mask</c>) and the provider of its first page, which
/// fixes its P2P mode (<c>pci_p2pdma_state</c> on the first range only).
/// </summary>
public readonly record struct BlockRequest(RangeCursor Ranges, ulong Bytes, int Segments, ulong GapMask, int Provider)
{
    /// <summary><c>blk_can_dma_map_iova</c>: every interior boundary on an IOMMU granule, so one IOVA window serves.</summary>
    public bool FitsOneWindow(ulong granule) => (GapMask & (granule - 1)) == 0;
}
