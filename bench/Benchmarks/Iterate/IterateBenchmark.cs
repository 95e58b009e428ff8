using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Iterate;

/// <summary>Walks every range (<c>for_each_sg</c>): the sum of start and length, checked against the reference ranges.</summary>
public class IterateBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    [GlobalSetup]
    public void Setup()
    {
        SetUpList();
        ulong expected = 0;
        foreach (LogicalRange r in ReferenceRanges)
            expected += r.Phys + r.LengthBytes;
        Check(Iterate() == expected, "the range walk's sum differs from the reference ranges'");
    }

    [Benchmark]
    public ulong Iterate()
    {
        TList list = List;
        RangeCursor cursor = list.StartRanges();
        ulong sum = 0;
        while (list.NextRange(ref cursor, out LogicalRange range))
            sum += range.Phys + range.LengthBytes;
        return sum;
    }
}
