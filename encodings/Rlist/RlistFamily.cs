namespace BenchSuite.Encodings.Rlist;

/// <summary>The rlist family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class RlistFamily
{
    public static EncodingFamily Family { get; } = new("rlist", [], [EncodingVariant.Of<RlistList, RlistDmaList>()]);
}
