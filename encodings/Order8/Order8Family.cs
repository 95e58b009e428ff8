using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>The order8 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Order8Family
{
    public static EncodingFamily Family { get; } = new("order8",
        [new Knob("chain", ["chunks", "flat"], "chunks", "page chunks linked by a CHAIN word, or one flat kvmalloc array (claim C8)")],
        [
            EncodingVariant.Of<Order8List<Chunks>, Order8DmaList<Chunks>>(),
            EncodingVariant.Of<Order8List<FlatArray>, Order8DmaList<FlatArray>>(),
        ]);

    /// <summary>The variant's name: the plain family name at the defaults, else with the knobs set away from them.</summary>
    public static string NameOf(string chain) => "order8" + (chain == Chunks.Value ? "" : $"@chain={chain}");
}
