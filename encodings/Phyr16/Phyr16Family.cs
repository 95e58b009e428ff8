namespace BenchSuite.Encodings.Phyr16;

/// <summary>The phyr16 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Phyr16Family
{
    public static EncodingFamily Family { get; } = new("phyr16", [], [EncodingVariant.Of<Phyr16List, DmaRangeList>()]);
}
