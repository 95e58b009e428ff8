using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Reference;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// What every benchmark of one encoding starts from: one scenario's page list at one size, materialised once, and
/// the list built from it in GUP batches and checked against <see cref="ReferenceModel"/> range by range and page by
/// page before anything is timed. Operations derive from this, one class each (STYLE.md, Benchmarks); the batch
/// sets <see cref="Scenario"/>, <see cref="Size"/> and <see cref="Seed"/> as BenchmarkDotNet parameters.
/// </summary>
public abstract class EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    /// <summary>A scenario name or <c>trace:FILE</c>.</summary>
    public string Scenario { get; set; } = "rdma-4k";

    /// <summary>Pinned bytes as typed on the command line (ignored by traces, which have their own).</summary>
    public string Size { get; set; } = "1M";

    public ulong Seed { get; set; } = 1;

    protected PageList Source { get; private set; } = null!;
    protected PinnedPage[] Pages { get; private set; } = [];
    protected BuildParameters Parameters { get; private set; }
    protected KernelAllocator Allocator { get; private set; } = null!;

    /// <summary>The list every timed walk reads; built and checked by <see cref="SetUpList"/>.</summary>
    protected TList List;

    /// <summary>The ranges the list must yield, from the reference model.</summary>
    protected IReadOnlyList<LogicalRange> ReferenceRanges { get; private set; } = [];

    /// <summary>Materialises the page list and builds <see cref="List"/>, refusing the case if the encoding refuses the input.</summary>
    protected void SetUpList()
    {
        Source = ScenarioCatalog.Resolve(Scenario, ByteSize.Parse(Size, "size"), Seed);
        Pages = Source.Materialise();
        Parameters = Source.Parameters();
        Allocator = new KernelAllocator();
        if (!RangeListBuilder.TryBuild(Allocator, Parameters, Pages, out List, out Refusal refusal))
            throw new CaseNotApplicableException(refusal.Detail);
        ReferenceRanges = ReferenceModel.Ranges(TList.Name, Pages, Parameters)
            ?? throw new BenchmarkValidationException(Describe($"built, but the reference model refuses it"));
        CheckRanges();
        CheckPages();
    }

    void CheckRanges()
    {
        RangeCursor cursor = List.StartRanges();
        int i = 0;
        while (List.NextRange(ref cursor, out LogicalRange range))
        {
            if (i >= ReferenceRanges.Count || range != ReferenceRanges[i])
                throw new BenchmarkValidationException(Describe($"range {i} is {range}, the reference has {(i < ReferenceRanges.Count ? ReferenceRanges[i] : "no more ranges")}"));
            i++;
        }
        Check(i == ReferenceRanges.Count, $"{i} ranges, the reference has {ReferenceRanges.Count}");
    }

    void CheckPages()
    {
        var pages = new PageCursor<TList>(List);
        int i = 0;
        while (pages.Next(out ulong pfn, out int provider))
        {
            if (i >= Pages.Length || pfn != Pages[i].Pfn || provider != Pages[i].Provider)
                throw new BenchmarkValidationException(Describe($"page {i} is pfn 0x{pfn:x} provider {provider}, expected {(i < Pages.Length ? Pages[i] : "no more pages")}"));
            i++;
        }
        Check(i == Pages.Length, $"{i} pages walked, {Pages.Length} pinned");
    }

    /// <summary>Fails the case (and the batch) unless <paramref name="ok"/>: a wrong result is never timed.</summary>
    protected void Check(bool ok, string problem)
    {
        if (!ok)
            throw new BenchmarkValidationException(Describe(problem));
    }

    protected string Describe(string problem) => $"{TList.Name} on {Scenario} {Size}: {problem}";

    [GlobalCleanup]
    public void Cleanup()
    {
        CleanUpOperation();
        List.Dispose();
        List = default;
        if (Allocator is { Outstanding: not 0 } leaking)
            throw new BenchmarkValidationException(Describe($"{leaking.Outstanding} allocations outstanding after cleanup"));
        Allocator?.Dispose();
    }

    /// <summary>Frees what the operation's setup made, before the list goes.</summary>
    protected virtual void CleanUpOperation()
    {
    }
}
