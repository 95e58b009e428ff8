using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>The phyr16 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Phyr16Family
{
    const int DefaultLengthBits = 32;

    public static EncodingFamily Family { get; } = new("phyr16",
        [
            new Knob("len", ["32", "60"], "32", "bits of the length field: a u32 with a u32 of flags, or len:60 | flags:4 in one word (Gunthorpe)"),
            new Knob("chain", ["chunks", "flat"], "chunks", "page chunks linked by a chain slot, or one flat kvmalloc array (claim C8)"),
        ],
        [
            EncodingVariant.Of<Phyr16List<Len32, Chunks>, DmaRangeList<Len32, Chunks>>(),
            EncodingVariant.Of<Phyr16List<Len60, Chunks>, DmaRangeList<Len60, Chunks>>(),
            EncodingVariant.Of<Phyr16List<Len32, FlatArray>, DmaRangeList<Len32, FlatArray>>(),
            EncodingVariant.Of<Phyr16List<Len60, FlatArray>, DmaRangeList<Len60, FlatArray>>(),
        ])
    {
        Origin = "proposal, not merged: Wilcox's struct phyr (Phyr Starter, Jan 2022), Logan Gunthorpe's phy_range/dma_range (2022), Hellwig's {phys, u32 len} (Aug 2023)",
    };

    /// <summary>The variant's name: the plain family name at the defaults, else with the knobs set away from them.</summary>
    public static string NameOf(int lengthBits, string chain) =>
        "phyr16" + (lengthBits == DefaultLengthBits ? "" : $"@len={lengthBits}") + (chain == Chunks.Value ? "" : $"@chain={chain}");
}
