namespace BenchSuite.Encodings.Scatterlist;

/// <summary>The scatterlist family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class ScatterlistFamily
{
    public static EncodingFamily Family { get; } = new("scatterlist", [], [EncodingVariant.Of<SgTable, SgDmaInPlace>()])
    {
        Origin = "mainline: struct scatterlist, chained since v2.6.24; sg_alloc_append_table_from_pages since v5.15 (lib/scatterlist.c)",
    };
}
