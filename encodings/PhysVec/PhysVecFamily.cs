namespace BenchSuite.Encodings.PhysVec;

/// <summary>The physvec family as the registry lists it: no knobs, one variant.</summary>
public static class PhysVecFamily
{
    public static EncodingFamily Family { get; } = new("physvec", [], [EncodingVariant.Of<PhysVecList, DmaVecList>()]);
}
