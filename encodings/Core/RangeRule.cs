namespace BenchSuite.Encodings;

/// <summary>
/// How an encoding cuts a page list into ranges, as its kernel counterpart does: the most pages one range may hold
/// (its length field, the device's max_segment where the build honours it), and for a bio chain the limits of one
/// bio, at which a range ends though the next page is contiguous (<c>bio_add_page</c>). The reference model applies
/// it page by page (<see cref="Reference.ReferenceModel"/>); each encoding states its own (<see cref="IRangeList{TSelf}.Rule"/>).
/// </summary>
public readonly record struct RangeRule(ulong MaxPagesPerRange, int VecsPerBio = 0, ulong BytesPerBio = 0)
{
    /// <summary>Ranges of any length: contiguous pages of one provider always merge.</summary>
    public static RangeRule Unlimited => new(ulong.MaxValue);

    /// <summary>One page per range.</summary>
    public static RangeRule PerPage => new(1);

    /// <summary>Ranges within a length field of <paramref name="fieldMax"/> bytes and the device's max_segment, in whole pages.</summary>
    public static RangeRule Within(ulong fieldMax, in BuildParameters parameters) => new(Math.Min(parameters.MaxSegment, fieldMax) / Page.Size);

    /// <summary>Every page of a list must belong to one provider (one <c>p2pdma_provider</c> per phys_vec list): a list mixing them is refused.</summary>
    public bool OneProvider { get; init; }

    /// <summary>The most ranges a list may hold (a kcalloc'ed array's); 0 for no limit. A list that needs more is refused.</summary>
    public long MaxRanges { get; init; }

    public bool SplitsIntoBios => VecsPerBio > 0;
}
