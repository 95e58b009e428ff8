using BenchSuite.Encodings;
using BenchSuite.Encodings.Reference;
using BenchSuite.Workloads.Memory;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;
using BenchSuite.Workloads.Traces;
using Xunit;

namespace BenchSuite.Tests.Workloads;

public sealed class GupTests
{
    public static TheoryData<string, string> EncodingsByScenario()
    {
        var data = new TheoryData<string, string>();
        foreach (string encoding in EncodingRegistry.Names)
            foreach (string scenario in new[] { "rdma-4k", "rdma-thp", "nvme-dio", "mixed", "p2p-mixed" })
                data.Add(encoding, scenario);
        return data;
    }

    /// <summary>Pin every page, build the encoding, unpin through it: every folio's counts are back where they were.</summary>
    [Theory]
    [MemberData(nameof(EncodingsByScenario))]
    public void UnpinThroughEveryEncodingRestoresRefcounts(string encoding, string scenario)
    {
        PageList list = ScenarioCatalog.Find(scenario).Create((5 << 20) + 777, seed: 11);
        PinnedPage[] pages = list.Materialise();
        using PhysicalMemory memory = PhysicalMemory.For(list);
        var before = memory.Counts();
        ulong digest = memory.CountsDigest();

        Gup.Pin(memory, pages);
        Assert.NotEqual(before, memory.Counts());
        Assert.NotEqual(digest, memory.CountsDigest());   // the Unpin benchmark's check sees what the full comparison sees
        AssertPinned(memory, pages, before);

        bool built = EncodingRegistry.Visit(encoding, new BuildAndUnpin(memory, list.Parameters(), pages));
        if (!built)
        {
            // Refused as the reference refuses it (physvec: one provider per list): nothing to unpin through.
            Assert.Null(ReferenceModel.Ranges(encoding, pages, list.Parameters()));
            return;
        }
        Assert.Equal(before, memory.Counts());
        Assert.Equal(digest, memory.CountsDigest());
    }

    /// <summary>Each pinned page adds 1 to a large folio's refcount and pincount, or GUP_PIN_COUNTING_BIAS to a small folio's refcount.</summary>
    static void AssertPinned(PhysicalMemory memory, PinnedPage[] pages, Dictionary<ulong, (int RefCount, int PinCount)> before)
    {
        foreach (var folio in pages.GroupBy(p => memory.FolioOf(p.Pfn)))
        {
            int n = folio.Count();
            (int refCount, int pinCount) = before[folio.Key];
            bool large = memory.FolioOrder(folio.Key) > 0;
            Assert.Equal(large ? refCount + n : refCount + n * Gup.PinCountingBias, memory.RefCount(folio.Key));
            Assert.Equal(large ? pinCount + n : 0, memory.PinCount(folio.Key));
        }
    }

    [Fact]
    public void TheModelFollowsThePagesPinnedNotTheFolioSizesNamed()
    {
        // One page of each of a hundred 1 GiB folios: 1.6 GiB of struct pages if whole folios were modelled.
        string trace = Path.GetTempFileName();
        try
        {
            PageTraceWriter.Write(trace, 0, 100 * 4096, Enumerable.Range(1, 100).Select(i => new Extent((ulong)i << 18, 1, 18)));
            using PhysicalMemory memory = PhysicalMemory.For(PageTrace.Open(trace));
            Assert.InRange(memory.ModelledPages, 100UL, 300UL);
            Assert.Equal(18, memory.FolioOrder(1UL << 18));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public void ModelKeepsTheKernelsFolioLinks()
    {
        string trace = Path.GetTempFileName();
        try
        {
            // A 2 MiB folio above 2^32 seen from its 3rd page on, then a 16 KiB folio.
            PageTraceWriter.Write(trace, 0, 6 * 4096, [new Extent((1UL << 33) + 2, 4, 9), new Extent(0x1004, 2, 2)]);
            PageList list = PageTrace.Open(trace);
            using PhysicalMemory memory = PhysicalMemory.For(list);
            ulong head = 1UL << 33;
            Assert.Equal(head, memory.FolioOf(head + 5));
            Assert.Equal(9, memory.FolioOrder(head));
            Assert.True(memory.PageOf(head).IsHead);
            Assert.Equal(Page.PointerOf(head) | 1, memory.PageOf(head + 5).CompoundHead);
            Assert.Equal(0x1004UL, memory.FolioOf(0x1005));
            // Only the pages pinned and each folio's head and second page are modelled, not the rest of a large folio.
            Assert.Throws<ArgumentOutOfRangeException>(() => memory.PageOf(head + 511));
            Assert.Equal(2, memory.FolioOrder(0x1004));
            Assert.Equal(1, memory.RefCount(head));
        }
        finally
        {
            File.Delete(trace);
        }
    }

    sealed class BuildAndUnpin(PhysicalMemory memory, BuildParameters parameters, PinnedPage[] pages) : IEncodingVisitor<bool>
    {
        public bool Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList>
        {
            using var allocator = new KernelAllocator();
            if (!RangeListBuilder.TryBuild(allocator, parameters, pages, out TList list, out _))
                return false;
            using (list)
                Gup.Unpin(memory, list);
            return true;
        }
    }
}
