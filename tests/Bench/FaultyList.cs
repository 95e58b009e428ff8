using BenchSuite.Encodings.Internal;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Phyr16;

namespace BenchSuite.Tests.Bench;

/// <summary>What <see cref="FaultyList"/> gets wrong.</summary>
public enum Fault
{
    None,
    /// <summary>Every range starts one page late.</summary>
    Range,
    /// <summary>Ranges are right, but a seek goes to the range of half the offset.</summary>
    Seek,
}

/// <summary>
/// phyr16 with one deliberate fault, to show that benchmark validation fails a wrong encoding before it is timed.
/// Named phyr16, with phyr16's rules, which the reference model applies. The fault is a test-wide setting: the tests using it
/// live in one class, which xunit runs one test at a time.
/// </summary>
public struct FaultyList : IRangeList<FaultyList>
{
    public static Fault Fault;

    Phyr16List<Len32, Chunks> _inner;

    public static string Name => Phyr16List<Len32, Chunks>.Name;
    public static string Description => "phyr16 with a deliberate fault";
    public static int EntryBytes => Phyr16List<Len32, Chunks>.EntryBytes;
    public static RangeListTraits Traits => Phyr16List<Len32, Chunks>.Traits;
    public static RangeRule Rule(in BuildParameters parameters) => Phyr16List<Len32, Chunks>.Rule(parameters);

    public static FaultyList Create(KernelAllocator allocator, in BuildParameters parameters) =>
        new() { _inner = Phyr16List<Len32, Chunks>.Create(allocator, parameters) };

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal) =>
        _inner.TryAppend(pages, leftPages, out refusal);

    public readonly long Entries => _inner.Entries;

    public readonly Footprint Footprint => _inner.Footprint;

    public readonly RangeCursor StartRanges() => _inner.StartRanges();

    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        bool more = _inner.NextRange(ref cursor, out range);
        if (Fault == Fault.Range)
            range = range with { Phys = range.Phys + Page.Size };
        return more;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        _inner.Seek(Fault == Fault.Seek ? byteOffset / 2 : byteOffset, out rangeStart);

    public void Dispose() => _inner.Dispose();
}
