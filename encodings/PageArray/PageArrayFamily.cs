namespace BenchSuite.Encodings.PageArray;

/// <summary>The pagearray family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class PageArrayFamily
{
    public static EncodingFamily Family { get; } = new("pagearray", [], [EncodingVariant.Of<PageArrayList, HmmDmaMap>()]);
}
