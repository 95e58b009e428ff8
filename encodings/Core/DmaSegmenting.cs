namespace BenchSuite.Encodings;

/// <summary>How a DMA output meets the device's limits (max_segment, the segment boundary).</summary>
public enum DmaSegmenting
{
    /// <summary>
    /// <c>dma_map_sg</c>: entries are mapped whole and packed into segments (<c>__finalise_sg</c>); the list was built
    /// within the limits, and an entry longer is refused.
    /// </summary>
    WholeEntries,
    /// <summary>
    /// rlist_dma: each entry is mapped alone, unmerged and uncut (<c>rsiova_init</c>), and the output applies the
    /// limits as it is iterated (<c>struct rlist_dma_segmentation</c>).
    /// </summary>
    EachEntry,
    /// <summary>The block layer: ranges are cut at the limits as they are walked (<c>blk_map_iter_next</c>).</summary>
    CutAtLimits,
}
