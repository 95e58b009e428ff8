using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Iterate;

/// <summary>
/// Walks every range (<c>for_each_sg</c>): the sum of start, length and provider, checked against the reference
/// ranges. The provider is part of the sum because a consumer needs it (P2P or RAM decides how a range is mapped):
/// an encoding that must look it up pays the lookup, and none can have its lookup deleted as unused.
/// </summary>
public class IterateBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    protected override void SetUpOperation()
    {
        ulong expected = 0;
        foreach (LogicalRange r in ReferenceRanges)
            expected += r.Phys + r.LengthBytes + (ulong)r.Provider;
        Check(Iterate() == expected, "the range walk's sum differs from the reference ranges'");
    }

    [Benchmark]
    public ulong Iterate()
    {
        TList list = List;
        RangeCursor cursor = list.StartRanges();
        ulong sum = 0;
        while (list.NextRange(ref cursor, out LogicalRange range))
            sum += range.Phys + range.LengthBytes + (ulong)range.Provider;
        return sum;
    }
}
