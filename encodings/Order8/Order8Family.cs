namespace BenchSuite.Encodings.Order8;

/// <summary>The order8 family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class Order8Family
{
    public static EncodingFamily Family { get; } = new("order8", [], [EncodingVariant.Of<Order8List, Order8DmaList>()]);
}
