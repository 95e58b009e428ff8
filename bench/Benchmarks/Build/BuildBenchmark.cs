using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Build;

/// <summary>
/// Appends the whole GUP page list in batches of 512 (allocating chunks as the kernel builder does) and frees the
/// list again: the life of a registration's list, less the pinning. Returns the entries built.
/// </summary>
public class BuildBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    protected override void SetUpOperation()
    {
        long outstanding = Allocator.Outstanding;
        Check(Build() == List.Entries, "a rebuild gave a different entry count");
        Check(Allocator.Outstanding == outstanding, "a build and free left allocations behind");
    }

    [Benchmark]
    public long Build()
    {
        TList list = RangeListBuilder.Build<TList>(Allocator, Parameters, Pages);
        long entries = list.Entries;
        list.Dispose();
        return entries;
    }
}
