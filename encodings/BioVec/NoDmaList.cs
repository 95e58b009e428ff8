namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// The DMA result of a bio chain: none. The block layer maps while the driver walks the bvecs
/// (block/blk-mq-dma.c, <c>blk_rq_dma_map_iter_start</c>/<c>_next</c>), so the segments go straight to the consumer
/// and nothing is stored or allocated.
/// </summary>
public struct NoDmaList : IDmaList<NoDmaList, BioChain>
{
    public static bool StoresSegments => false;

    /// <summary>The block layer cuts at the queue's limits as it walks (blk_map_iter_next, get_max_segment_size).</summary>
    public static DmaSegmenting Segmenting => DmaSegmenting.CutAtLimits;

    /// <summary>The iterator hands out a phys_vec's length, a u32 (<c>struct phys_vec</c>).</summary>
    public static ulong MaxSegmentBytes => uint.MaxValue;

    public static NoDmaList Create(KernelAllocator allocator, in BioChain source, bool identity) => default;

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment) { }

    public bool TryAllocate(out Refusal refusal)
    {
        refusal = Refusal.None;
        return true;
    }

    public void Add(in DmaSegment segment) { }

    public void Complete() { }

    public readonly long Entries => 0;

    public readonly Footprint Footprint => default;

    public readonly RangeCursor Start() => default;

    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        segment = default;
        return false;
    }

    public void Dispose() { }
}
