namespace BenchSuite.Encodings.Internal;

/// <summary>
/// How a proposal stores its entries, a design knob (claim C8: what a plain array costs against chaining): page
/// chunks linked by a chain slot, the scatterlist's policy (<see cref="ChunkChain{TFormat}"/>), or one flat
/// kvmalloc'ed array. A policy type: the choice is a constant of each variant's code, not a branch per entry.
/// </summary>
public interface IChainPolicy
{
    static abstract bool Flat { get; }

    /// <summary>The knob's value in a variant's name.</summary>
    static abstract string Value { get; }
}

/// <summary>Page chunks linked by their last slot (<c>get_next_sg</c>, <c>sg_chain</c>): no allocation above a page.</summary>
public struct Chunks : IChainPolicy
{
    public static bool Flat => false;
    public static string Value => "chunks";
}

/// <summary>
/// One kvmalloc'ed array, sized as a plain array must be before it knows how runs merge: for the entries the pages
/// still to come could make (GUP's <c>nr_pages</c>, the builder's upper bound), never grown or shrunk.
/// </summary>
public struct FlatArray : IChainPolicy
{
    public static bool Flat => true;
    public static string Value => "flat";
}
