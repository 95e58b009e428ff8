using BenchSuite.Encodings;
using BenchSuite.Encodings.Reference;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Density;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;
using Xunit;

namespace BenchSuite.Tests.Workloads;

public sealed class ScenarioTests
{
    public static TheoryData<string> Names => new(ScenarioCatalog.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedSameListOtherSeedOtherList(string name)
    {
        Scenario s = ScenarioCatalog.Find(name);
        PinnedPage[] a = s.Create(8 << 20, seed: 7).Materialise();
        Assert.Equal(a, s.Create(8 << 20, seed: 7).Materialise());
        Assert.NotEqual(a, s.Create(8 << 20, seed: 8).Materialise());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PagesAreWhatGupReturns(string name)
    {
        Scenario s = ScenarioCatalog.Find(name);
        const ulong basePfn = (1UL << 32) + 12345;      // RAM above 16 TiB: PFNs past 32 bits
        PageList list = s.Create((16 << 20) + 100, seed: 3, basePfn);
        PinnedPage[] pages = list.Materialise();

        Assert.Equal(list.Pages, (ulong)pages.Length);
        Assert.Equal(Page.PagesSpanned(s.Model.FirstOffset, (16 << 20) + 100), (ulong)pages.Length);
        var seen = new HashSet<ulong>();
        for (int i = 0; i < pages.Length; i++)
        {
            PinnedPage p = pages[i];
            Assert.True(seen.Add(p.Pfn), $"page {i}: PFN 0x{p.Pfn:x} pinned twice");
            if (p.Provider == 0)
            {
                Assert.True(p.Pfn >= basePfn, $"page {i} below the RAM window");
                Assert.Equal(0, list.Windows.ProviderOf(p.Pfn));
                // Virtually contiguous pages of one folio are physically contiguous, from its head on.
                if (i > 0 && p.FolioPfn != p.Pfn)
                    Assert.Equal(pages[i - 1].Plus(1), p);
                else
                    Assert.Equal(p.FolioPfn, p.Pfn);
            }
            else
            {
                Assert.Equal(p.Provider, list.Windows.ProviderOf(p.Pfn));
            }
        }
        Assert.Equal(s.Model.HasP2P, pages.Any(p => p.Provider != 0));
    }

    /// <summary>Generated layouts reproduce the run counts they were calibrated to (ScenarioCatalog's captures).</summary>
    [Theory]
    [InlineData("rdma-4k", 6252)]       // 64 MiB fresh anonymous: 6252 runs of 16384 pages
    [InlineData("rdma-thp", 31)]        // 64 MiB MADV_HUGEPAGE: 32 folios in 31 runs
    [InlineData("gpu-mthp", 908)]       // 64 MiB of 64 KiB mTHP: 1024 folios in 908 runs
    public void RunCountsMatchTheCaptures(string name, int capturedRuns)
    {
        double runs = Enumerable.Range(1, 8).Average(seed => CountRuns(ScenarioCatalog.Find(name).Create(64 << 20, (ulong)seed).Materialise()));
        Assert.InRange(runs, capturedRuns * 0.9, capturedRuns * 1.1);
    }

    static int CountRuns(PinnedPage[] pages) => 1 + pages.Zip(pages.Skip(1)).Count(p => !p.Second.Follows(p.First));

    /// <summary>End to end: every encoding built from every scenario yields the reference model's ranges.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void EveryEncodingMatchesTheReferenceOnEveryScenario(string name)
    {
        foreach (ulong seed in new ulong[] { 1, 2 })
        {
            PageList list = ScenarioCatalog.Find(name).Create((6 << 20) + 3 * 512, seed);
            PinnedPage[] pages = list.Materialise();
            foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
            {
                // null both ways where the encoding refuses the list (physvec: one provider per list).
                List<LogicalRange>? expected = ReferenceModel.Ranges(encoding, pages, list.Parameters());
                Assert.Equal(expected, EncodingRegistry.Visit(encoding, new BuildAndWalk(list.Parameters(), pages)));
            }
        }
    }

    /// <summary>Streaming counting-mode density is the footprint of a real build from the materialised pages.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void StreamingDensityEqualsARealBuild(string name)
    {
        PageList list = ScenarioCatalog.Find(name).Create(24 << 20, seed: 5);
        PinnedPage[] pages = list.Materialise();
        foreach (DensityResult r in DensityMeasurer.Measure(list, EncodingRegistry.Names))
            Assert.Equal(EncodingRegistry.Visit(r.Encoding, new RealFootprint(list.Parameters(), pages)), r.Footprint);   // null if refused
    }

    [Fact]
    public void UnknownScenarioNamesTheKnownOnes()
    {
        var e = Assert.Throws<InputException>(() => ScenarioCatalog.Find("rdma"));
        Assert.Contains("rdma-4k, rdma-thp, vfio-1g, nvme-dio, gpu-mthp, mixed, p2p-mixed, trace:FILE", e.Message);
    }

    sealed class BuildAndWalk(BuildParameters parameters, PinnedPage[] pages) : IEncodingVisitor<List<LogicalRange>?>
    {
        public List<LogicalRange>? Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList>
        {
            using var allocator = new KernelAllocator();
            if (!RangeListBuilder.TryBuild(allocator, parameters, pages, out TList list, out _))
                return null;
            using (list)
                return Walk(list);
        }

        static List<LogicalRange> Walk<TList>(TList list) where TList : struct, IRangeList<TList>
        {
            var ranges = new List<LogicalRange>();
            RangeCursor cursor = list.StartRanges();
            while (list.NextRange(ref cursor, out LogicalRange r))
                ranges.Add(r);
            return ranges;
        }
    }

    sealed class RealFootprint(BuildParameters parameters, PinnedPage[] pages) : IEncodingVisitor<Footprint?>
    {
        public Footprint? Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList>
        {
            using var allocator = new KernelAllocator();
            if (!RangeListBuilder.TryBuild(allocator, parameters, pages, out TList list, out _))
                return null;
            using (list)
                return list.Footprint;
        }
    }
}
