namespace BenchSuite.Encodings;

/// <summary>Per-encoding facts the contract tests and reports branch on.</summary>
[Flags]
public enum RangeListTraits
{
    None = 0,
    /// <summary>Physically contiguous pages become one entry.</summary>
    MergesContiguous = 1 << 0,
    /// <summary>The builder honours the device's max_segment (scatterlist's kernel API takes one).</summary>
    HonoursMaxSegment = 1 << 1,
    /// <summary>Entries name the folio (rlist_cpu), so per-folio walks need no struct page lookups to find heads.</summary>
    StoresFolios = 1 << 2,
    /// <summary>Seeking to a byte offset is O(1) rather than a walk.</summary>
    ConstantTimeSeek = 1 << 3,
}
