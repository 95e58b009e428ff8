namespace BenchSuite.Encodings.BioVec;

/// <summary>The biovec family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class BioVecFamily
{
    public static EncodingFamily Family { get; } = new("biovec", [], [EncodingVariant.Of<BioChain, NoDmaList>()]);
}
