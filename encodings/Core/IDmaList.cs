namespace BenchSuite.Encodings;

/// <summary>
/// The DMA result of one encoding (DESIGN.md §3, "DMA output"): where the segments of a mapping are stored and how
/// they are read back. Each encoding has one, paired with it in <see cref="EncodingRegistry"/>.
/// <para>
/// Filling takes two passes over the same segments, as <c>iommu_dma_map_sg</c> sizes before it finalises:
/// <see cref="Plan"/> sees every segment first (to size chunks exactly, or to refuse), then <see cref="TryAllocate"/>,
/// then <see cref="IDmaSink.Add"/> with the same segments, then <see cref="Complete"/>.
/// </para>
/// <para>
/// One output per mapping, as the kernel allocates a DMA list at map time and frees it at unmap: create, map, walk,
/// dispose. An output is not refilled.
/// </para>
/// </summary>
public interface IDmaList<TSelf, TList> : IDmaSink, IDisposable
    where TSelf : struct, IDmaList<TSelf, TList>
    where TList : struct, IRangeList<TList>
{
    /// <summary>False for an encoding that keeps no DMA result and is mapped while it is walked (bio_vec).</summary>
    static abstract bool StoresSegments { get; }

    /// <summary>How the output meets the device's limits: whole entries, each entry cut as it is iterated, or cut as mapped.</summary>
    static abstract DmaSegmenting Segmenting { get; }

    /// <summary>Longest segment the output's length field holds.</summary>
    static abstract ulong MaxSegmentBytes { get; }

    /// <summary>What the output cannot hold, which its refusals follow from.</summary>
    static virtual DmaOutputTraits OutputTraits => DmaOutputTraits.None;

    /// <summary>
    /// An empty output for <paramref name="source"/>. With <paramref name="identity"/> (dma-direct with no offset and
    /// no device limits) an output that can describe the mapping by its input (order8, rlist_dma) stores nothing.
    /// </summary>
    static abstract TSelf Create(KernelAllocator allocator, in TList source, bool identity);

    /// <summary>The device's limits, told before <see cref="Plan"/>: what an <see cref="DmaSegmenting.EachEntry"/> output applies as it is iterated.</summary>
    void UseLimits(DeviceSegmentation limits);

    void Plan(in DmaSegment segment);

    bool TryAllocate(out Refusal refusal);

    void Complete();

    /// <summary>Segments the device sees (for per-page outputs, one per page).</summary>
    long Entries { get; }

    /// <summary>What the output adds to the list it came from (in-place and identity outputs add nothing).</summary>
    Footprint Footprint { get; }

    RangeCursor Start();

    bool Next(ref RangeCursor cursor, out DmaSegment segment);
}
