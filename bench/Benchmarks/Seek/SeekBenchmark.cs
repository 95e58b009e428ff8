using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Seek;

/// <summary>
/// Finds the physical address of <see cref="SeekOffsets.Count"/> random byte offsets (the same for every encoding):
/// <c>Seek</c>, then the range it lands on. Timed per seek, not per page; checked against the pinned pages.
/// </summary>
public class SeekBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    ulong[] _offsets = [];

    protected override void SetUpOperation()
    {
        _offsets = SeekOffsets.For(Parameters.TotalLengthBytes, Seed);
        ulong expected = 0;
        foreach (ulong offset in _offsets)
        {
            ulong logical = Parameters.FirstOffset + offset;
            expected += Pages[logical >> Page.Shift].Phys + (logical & Page.OffsetMask);
        }
        Check(Seek() == expected, "a seek landed on the wrong physical byte");
    }

    [Benchmark]
    public ulong Seek()
    {
        TList list = List;
        ulong sum = 0;
        foreach (ulong offset in _offsets)
        {
            RangeCursor cursor = list.Seek(offset, out ulong rangeStart);
            list.NextRange(ref cursor, out LogicalRange range);
            sum += range.Phys + (offset - rangeStart);
        }
        return sum;
    }
}
