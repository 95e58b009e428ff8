namespace BenchSuite.Encodings.BioVec;

/// <summary>The biovec family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class BioVecFamily
{
    public static EncodingFamily Family { get; } = new("biovec", [], [EncodingVariant.Of<BioChain, NoDmaList>()])
    {
        Origin = "mainline: struct bio_vec, multi-page since v5.1; mapped by the block layer's DMA iterator, blk_rq_dma_map_iter_start/next (v6.17), whose per-range fallback uses dma_map_phys (v6.18)",
    };
}
