namespace BenchSuite.Encodings.PageArray;

/// <summary>The pagearray family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class PageArrayFamily
{
    public static EncodingFamily Family { get; } = new("pagearray", [], [EncodingVariant.Of<PageArrayList, HmmDmaMap>()])
    {
        Origin = "mainline: the struct page * array pin_user_pages fills (FOLL_PIN, v5.6); its DMA output, hmm_dma_map (v6.16)",
    };
}
