using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Reference;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// What every benchmark of one encoding starts from: one scenario's page list at one size, materialised once per
/// process (<see cref="PageListCache"/>), and the list built from it in GUP batches and checked against
/// <see cref="ReferenceModel"/> range by range and page by page before anything is timed. Operations derive from
/// this, one class each (STYLE.md, Benchmarks), and add their own setup and check in <see cref="SetUpOperation"/>;
/// the batch sets <see cref="Scenario"/>, <see cref="Size"/>, <see cref="Seed"/> and <see cref="Placement"/> as
/// BenchmarkDotNet parameters.
/// <para>
/// One setup is one placement: <see cref="Placement"/> seeds a <see cref="PlacementSpacer"/> that takes blocks of
/// random sizes from the native heap before the list is built, so each round of a case finds its list at other
/// addresses (the idea of BenchmarkDotNet's MemoryRandomization, once per setup instead of once per iteration).
/// </para>
/// </summary>
public abstract class EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    /// <summary>A scenario name or <c>trace:FILE</c>.</summary>
    public string Scenario { get; set; } = "rdma-4k";

    /// <summary>Pinned bytes as typed on the command line (ignored by traces, which have their own).</summary>
    public string Size { get; set; } = "1M";

    public ulong Seed { get; set; } = 1;

    /// <summary>Which placement (round) this setup is; 0 takes no spacer.</summary>
    public int Placement { get; set; }

    PlacementSpacer? _spacer;

    protected PageList Source { get; private set; } = null!;
    protected PinnedPage[] Pages { get; private set; } = [];
    protected BuildParameters Parameters { get; private set; }
    protected KernelAllocator Allocator { get; private set; } = null!;

    /// <summary>The list every timed walk reads; built and checked by <see cref="SetUpList"/>.</summary>
    protected TList List;

    /// <summary>The ranges the list must yield, from the reference model.</summary>
    protected IReadOnlyList<LogicalRange> ReferenceRanges { get; private set; } = [];

    /// <summary>The case's one setup: the list, then the operation's own; records what it throws in <see cref="SetupFailure"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SetupFailure.Last = null;
        try
        {
            SetUpList();
            SetUpOperation();
        }
        catch (Exception e)
        {
            SetupFailure.Last = e;
            throw;
        }
    }

    /// <summary>The operation's setup, after the list is built and checked: its inputs, and a check of its result.</summary>
    protected abstract void SetUpOperation();

    /// <summary>Materialises the page list and builds <see cref="List"/>, refusing the case if the encoding refuses the input.</summary>
    void SetUpList()
    {
        (Source, Pages) = PageListCache.Get(Scenario, ByteSize.Parse(Size, "size"), Seed);
        Parameters = Source.Parameters();
        _spacer = new PlacementSpacer(Placement);
        Allocator = new KernelAllocator();
        if (!RangeListBuilder.TryBuild(Allocator, Parameters, Pages, out List, out Refusal refusal))
            throw new CaseNotApplicableException(refusal.Detail);
        ReferenceRanges = ReferenceModel.Ranges<TList>(Pages, Parameters)
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
        _spacer?.Dispose();
        _spacer = null;
        if (Allocator is { Outstanding: not 0 } leaking)
            throw new BenchmarkValidationException(Describe($"{leaking.Outstanding} allocations outstanding after cleanup"));
        Allocator?.Dispose();
    }

    /// <summary>Frees what the operation's setup made, before the list goes.</summary>
    protected virtual void CleanUpOperation()
    {
    }
}
