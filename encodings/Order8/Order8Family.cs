using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>The order8 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Order8Family
{
    const int DefaultEscapeBytes = 16;

    public static EncodingFamily Family { get; } = new("order8",
        [
            new Knob("escape", ["16", "12"], "16", "bytes of a run that is not one aligned block: two words or an EXTENDED pair, or "
                + "Gunthorpe's counted form (word + u32 count of order pages, 11 Jan 2022)"),
            new Knob("chain", ["chunks", "flat"], "chunks", "page chunks linked by a CHAIN word, or one flat kvmalloc array (claim C8)"),
        ],
        [
            EncodingVariant.Of<Order8List<Chunks>, Order8DmaList<Chunks>>(),
            EncodingVariant.Of<Order8CountedList<Chunks>, Order8CountedDmaList<Chunks>>(),
            EncodingVariant.Of<Order8List<FlatArray>, Order8DmaList<FlatArray>>(),
            EncodingVariant.Of<Order8CountedList<FlatArray>, Order8CountedDmaList<FlatArray>>(),
        ])
    {
        Origin = "proposal, not merged: Gunthorpe's order-encoded 8-byte entry, Phyr Starter thread (Jan 2022), and his counted form (11 Jan 2022)",
    };

    /// <summary>The variant's name: the plain family name at the defaults, else with the knobs set away from them.</summary>
    public static string NameOf(int escapeBytes, string chain) =>
        "order8" + (escapeBytes == DefaultEscapeBytes ? "" : $"@escape={escapeBytes}") + (chain == Chunks.Value ? "" : $"@chain={chain}");
}
