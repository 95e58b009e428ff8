namespace BenchSuite.Encodings;

/// <summary>
/// One encoding as the suite builds it: a family's default or a variant with knobs set. Its identity (the name,
/// which says the knobs' values), its description and its rules come from its list type; this is the closed
/// generic instantiation a visitor needs, and what the registry, the CLI and the reports hold.
/// </summary>
public abstract class EncodingVariant
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The family: the name before any <c>@</c>.</summary>
    public string Family => Name.Split('@')[0];

    /// <summary>The knobs this variant sets away from their defaults, in the order its name gives them.</summary>
    public IReadOnlyList<(string Knob, string Value)> Settings =>
        Name.Split('@').Skip(1).Select(s => s.Split('=', 2)).Select(kv => (kv[0], kv.Length > 1 ? kv[1] : "")).ToList();

    public bool IsDefault => !Name.Contains('@');

    public abstract RangeListTraits Traits { get; }

    public abstract DmaOutputTraits OutputTraits { get; }

    public abstract RangeRule Rule(in BuildParameters parameters);

    public abstract TResult Accept<TResult>(IEncodingVisitor<TResult> visitor);

    /// <summary>The variant whose list is <typeparamref name="TList"/> and DMA output <typeparamref name="TDma"/>.</summary>
    public static EncodingVariant Of<TList, TDma>()
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList> => new Closed<TList, TDma>();

    public override string ToString() => Name;

    sealed class Closed<TList, TDma> : EncodingVariant
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        public override string Name => TList.Name;
        public override string Description => TList.Description;
        public override RangeListTraits Traits => TList.Traits;
        public override DmaOutputTraits OutputTraits => TDma.OutputTraits;
        public override RangeRule Rule(in BuildParameters parameters) => TList.Rule(parameters);
        public override TResult Accept<TResult>(IEncodingVisitor<TResult> visitor) => visitor.Visit<TList, TDma>();
    }
}
