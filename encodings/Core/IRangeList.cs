namespace BenchSuite.Encodings;

/// <summary>
/// The one contract every encoding under test implements. Implementations are small structs that point at
/// native state, so copies share the list; hot loops are generic over <typeparamref name="TSelf"/> and are
/// compiled once per encoding, with no interface call per entry.
/// <para>
/// Building follows the kernel's GUP feeding: pages arrive in batches, each call told how many pages are
/// still to come (<c>left_pages</c> in <c>sg_alloc_append_table_from_pages</c>); the call with 0 left ends the build.
/// Iteration yields <see cref="LogicalRange"/>s with the first offset and the total length already applied.
/// </para>
/// </summary>
public interface IRangeList<TSelf> : IDisposable where TSelf : struct, IRangeList<TSelf>
{
    /// <summary>Name used on the command line and in every report.</summary>
    static abstract string Name { get; }

    /// <summary>One line for <c>list</c> and the reports: what the entries are and where they come from.</summary>
    static abstract string Description { get; }

    /// <summary>Size of one entry in bytes (for variable-sized encodings, the smallest).</summary>
    static abstract int EntryBytes { get; }

    static abstract RangeListTraits Traits { get; }

    /// <summary>How this encoding cuts pages into ranges under <paramref name="parameters"/>: what the reference model checks it against.</summary>
    static abstract RangeRule Rule(in BuildParameters parameters);

    /// <summary>An empty list; nothing is allocated until pages are appended.</summary>
    static abstract TSelf Create(KernelAllocator allocator, in BuildParameters parameters);

    /// <summary>Appends one GUP batch. False, with the reason, when the encoding cannot represent the input.</summary>
    bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal);

    /// <summary>Entries stored (data entries, not chain links or padding).</summary>
    long Entries { get; }

    Footprint Footprint { get; }

    RangeCursor StartRanges();

    bool NextRange(ref RangeCursor cursor, out LogicalRange range);

    /// <summary>
    /// A cursor whose next range contains logical byte <paramref name="byteOffset"/>; <paramref name="rangeStart"/>
    /// is that range's logical offset. Past the end, the cursor is exhausted.
    /// </summary>
    RangeCursor Seek(ulong byteOffset, out ulong rangeStart);
}
