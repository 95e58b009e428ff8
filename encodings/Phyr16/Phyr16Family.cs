namespace BenchSuite.Encodings.Phyr16;

/// <summary>The phyr16 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Phyr16Family
{
    const int DefaultLengthBits = 32;

    public static EncodingFamily Family { get; } = new("phyr16",
        [new Knob("len", ["32", "60"], "32", "bits of the length field: a u32 with a u32 of flags, or len:60 | flags:4 in one word (Gunthorpe)")],
        [
            EncodingVariant.Of<Phyr16List<Len32>, DmaRangeList<Len32>>(),
            EncodingVariant.Of<Phyr16List<Len60>, DmaRangeList<Len60>>(),
        ]);

    /// <summary>The variant's name: the plain family name for the u32 length, else with its knob.</summary>
    public static string NameOf(int lengthBits) => lengthBits == DefaultLengthBits ? "phyr16" : $"phyr16@len={lengthBits}";
}
