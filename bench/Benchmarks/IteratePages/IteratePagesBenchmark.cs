using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.IteratePages;

/// <summary>Walks every page (<c>for_each_sg_page</c>): the sum of PFNs and providers, checked against the pinned pages.</summary>
public class IteratePagesBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    protected override void SetUpOperation()
    {
        ulong expected = 0;
        foreach (PinnedPage page in Pages)
            expected += page.Pfn + (ulong)page.Provider;
        Check(IteratePages() == expected, "the page walk's sum differs from the pinned pages'");
    }

    [Benchmark]
    public ulong IteratePages()
    {
        var pages = new PageCursor<TList>(List);
        ulong sum = 0;
        while (pages.Next(out ulong pfn, out int provider))
            sum += pfn + (ulong)provider;
        return sum;
    }
}
