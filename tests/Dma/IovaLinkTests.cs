using BenchSuite.Encodings;
using BenchSuite.Encodings.PageArray;
using BenchSuite.Encodings.PhysVec;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Memory;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// The <c>iova-link</c> mapper against mappings worked out by hand from drivers/iommu/dma-iommu.c
/// (<c>dma_iova_try_alloc</c>, <c>dma_iova_link</c>, <c>dma_iova_sync</c>, <c>iommu_dma_map_phys</c>),
/// block/blk-mq-dma.c (<c>blk_can_dma_map_iova</c>, <c>blk_rq_dma_map_iova</c>, <c>blk_dma_map_direct</c>) and mm/hmm.c
/// (<c>hmm_dma_map_pfn</c>).
/// </summary>
public class IovaLinkTests
{
    const ulong K = 1024;

    sealed record Linked(List<DmaSegment> Segments, DmaMapping Mapping, Footprint Stored, PageTableWork Work, long OutputEntries);

    static Linked Map<TList, TDma>(PinnedPage[] pages, BuildParameters parameters, DmaMapper mapper)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        using var allocator = new KernelAllocator();
        using TList list = RangeListBuilder.Build<TList>(allocator, parameters, pages);
        TDma output = TDma.Create(allocator, list, mapper.IsIdentity);
        try
        {
            PageTableWork before = mapper.PageTable!.Work;
            var check = new DmaCheck(pages, parameters, mapper, TDma.MaxSegmentBytes);
            var sink = new Collect(check);
            Assert.True(DmaPipeline.TryMapAndConsume(mapper, list, ref output, ref sink, out DmaMapping mapping, out Refusal refusal), refusal.Detail);
            Assert.True(check.Complete, check.Error);
            PageTableWork work = mapper.PageTable.Work - before;
            mapper.Unmap(mapping);
            Assert.Equal(0, mapper.PageTable.PresentLeaves);
            return new Linked(sink.Segments, mapping, mapping.Stored(output.Footprint), work, output.Entries);
        }
        finally
        {
            output.Dispose();
        }
    }

    readonly struct Collect(DmaCheck check) : IDmaSink
    {
        public List<DmaSegment> Segments { get; } = [];

        public void Add(in DmaSegment segment)
        {
            Segments.Add(segment);
            check.AsSink().Add(segment);
        }
    }

    static PinnedPage[] Pfns(params ulong[] pfns) => pfns.Select(p => new PinnedPage(p)).ToArray();

    static PinnedPage[] Run(ulong pfn, int pages) => Enumerable.Range(0, pages).Select(i => new PinnedPage(pfn + (ulong)i)).ToArray();

    /// <summary>
    /// Three scattered pages, the buffer 512 bytes into the first and ending 1 KiB into the last: every interior
    /// boundary is on the 4 KiB granule, so <c>dma_iova_try_alloc</c> reserves align_up(size + 512, 4K) = 12 KiB and
    /// state.addr = base + 512; three <c>dma_iova_link</c> calls (one per range, the first from the granule below its
    /// start), three 4 KiB PTEs, one <c>dma_iova_sync</c>. The device gets one segment; the caller keeps the 16-byte
    /// state and no list.
    /// </summary>
    [Fact]
    public void PageAlignedBoundariesLinkIntoOneWindow()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None);
        ulong length = (4 * K - 512) + 4 * K + K;
        Linked l = Map<PhysVecList, DmaVecList>(Pfns(0x10001, 0x10003, 0x10005), new BuildParameters(512, length), mapper);
        Assert.True(l.Mapping.InState);
        Assert.Equal(12 * K, l.Mapping.IovaBytes);
        Assert.Equal(l.Mapping.IovaBase + 512, l.Mapping.StateAddress);
        Assert.Equal([new DmaSegment(l.Mapping.IovaBase + 512, length)], l.Segments);
        Assert.Equal(new PageTableWork(MapCalls: 3, EntriesWritten: 3, Walks: 1, Syncs: 1), l.Work);
        Assert.Equal((16L, 0L, 0L), (l.Stored.TotalBytes, l.Stored.Allocations, l.OutputEntries));
    }

    /// <summary>
    /// The same window for a device with a 64 KiB max_segment: the window is cut at it (the suite's departure: the
    /// kernel would hand it over whole), still one allocation, one link per range and one sync.
    /// </summary>
    [Fact]
    public void AWindowIsCutAtTheDevicesMaxSegment()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.PciDefault);
        Linked l = Map<PhysVecList, DmaVecList>(Run(0x20000, 40), new BuildParameters(0, 40 * 4 * K, 64 * K), mapper);
        Assert.Equal([64 * K, 64 * K, 32 * K], l.Segments.Select(s => s.Length));
        Assert.Equal((3L, 1L), (l.Work.MapCalls, l.Work.Syncs));   // 40 pages in 64 KiB vecs: 3 ranges, 3 links
    }

    /// <summary>
    /// A 64 KiB IOMMU granule under 4 KiB pages and scattered pages: the interior boundaries are off the merge
    /// boundary (<c>blk_can_dma_map_iova</c> is false; <c>dma_iova_link</c> would return -EIO), so every range is mapped
    /// alone by <c>dma_map_phys</c>: <c>iommu_dma_map_phys</c> reserves the range's granule (64 KiB), maps it with
    /// <c>iommu_map</c>, which syncs, and returns base + the page's offset in its granule. Three ranges: three IOVA
    /// allocations, three map calls, three syncs, three segments kept in the dma_vec array (kmalloc-64), its 16-byte
    /// header and the state.
    /// </summary>
    [Fact]
    public void BoundariesOffTheGranuleMapEachRangeAlone()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None, granule: 64 * K);
        Linked l = Map<PhysVecList, DmaVecList>(Pfns(0x10001, 0x10003, 0x10005), new BuildParameters(0, 12 * K), mapper);
        Assert.False(l.Mapping.InState);
        Assert.Equal(3, l.Mapping.IovaAllocations);
        Assert.Equal([0x1000UL, 0x3000, 0x5000], l.Segments.Select(s => s.Address & (64 * K - 1)));
        Assert.All(l.Segments, s => Assert.Equal(4 * K, s.Length));
        Assert.Equal((3L, 3L), (l.Work.MapCalls, l.Work.Syncs));
        Assert.Equal((3L, 64L + 16 + 16), (l.OutputEntries, l.Stored.TotalBytes));
    }

    /// <summary>With a 64 KiB granule, two 64 KiB runs on 64 KiB boundaries can still be linked: one 128 KiB window, two links, one sync.</summary>
    [Fact]
    public void BoundariesOnTheGranuleLinkEvenWithALargeGranule()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None, granule: 64 * K);
        Linked l = Map<PhysVecList, DmaVecList>([.. Run(0x10000, 16), .. Run(0x10020, 16)], new BuildParameters(0, 128 * K), mapper);
        Assert.True(l.Mapping.InState);
        Assert.Equal([128 * K], l.Segments.Select(s => s.Length));
        Assert.Equal((2L, 1L), (l.Work.MapCalls, l.Work.Syncs));
    }

    /// <summary>
    /// A list of a peer's BAR pages behind the same switch: bus addresses (<c>PCI_P2PDMA_MAP_BUS_ADDR</c>:
    /// <c>blk_dma_map_bus</c>, <c>dma_buf_phys_vec_to_sgt</c>), flagged, one per range; no IOVA and no page table.
    /// </summary>
    [Fact]
    public void BarPagesGetBusAddressesAndNoWindow()
    {
        const ulong bar = 0x4000000;
        var windows = new P2PWindows([new P2PWindows.Window(bar, 1024, 1)]);
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None, [new BarWindow(1, bar, 1024, BusOffset: 1L << 30)]);
        PinnedPage[] pages = [new(bar + 1, 0, 1), new(bar + 2, 0, 1), new(bar + 7, 0, 1)];
        Linked l = Map<PhysVecList, DmaVecList>(pages, new BuildParameters(0, 12 * K, windows: windows), mapper);
        Assert.Equal([(8 * K, true), (4 * K, true)], l.Segments.Select(s => (s.Length, s.BusAddress)));
        Assert.Equal((0L, 0L, 0L), (l.Work.MapCalls, l.Work.Syncs, (long)l.Mapping.IovaBytes));
    }

    /// <summary>
    /// pagearray's output under iova-link is hmm_dma_map: a window for every page, each page linked and synced by
    /// <c>hmm_dma_map_pfn</c> (dma_iova_link, then dma_iova_sync of that page); the pfn_list and the 40-byte header
    /// holding the state, no dma_list.
    /// </summary>
    [Fact]
    public void HmmLinksAndSyncsEachPage()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None);
        Linked l = Map<PageArrayList, HmmDmaMap>(Pfns(0x10001, 0x10003, 0x10005, 0x10007), new BuildParameters(0, 16 * K), mapper);
        Assert.False(l.Mapping.InState);
        Assert.Equal((4L, 4L), (l.Work.MapCalls, l.Work.Syncs));
        Assert.Equal((40L, 1L, 32L), (l.Stored.HeaderBytes, l.Stored.Allocations, l.Stored.AllocatedBytes));
    }

    /// <summary>
    /// With a 64 KiB granule, hmm_dma_map_alloc's window is still allocated (dma_iova_try_alloc with phys 0), and
    /// nothing falls back: dma_iova_link refuses a page after the first that is off the granule (-EIO), so the
    /// mapping is refused with that reason.
    /// </summary>
    [Fact]
    public void HmmCannotLinkPagesOffALargerGranule()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None, granule: 64 * K);
        using var allocator = new KernelAllocator();
        using PageArrayList list = RangeListBuilder.Build<PageArrayList>(allocator, new BuildParameters(0, 16 * K), Pfns(0x10001, 0x10003, 0x10005, 0x10007));
        using HmmDmaMap output = HmmDmaMap.Create(allocator, list, identity: false);
        HmmDmaMap o = output;
        Assert.False(mapper.TryMap(list, ref o, out _, out Refusal refusal));
        Assert.Equal(RefusalReason.DmaNotRepresentable, refusal.Reason);
        Assert.Contains("-EIO", refusal.Detail);
        Assert.Equal(0, mapper.Iova!.Live);
    }

    /// <summary>
    /// A range mapped alone from inside a 64 KiB granule (iommu_dma_map_phys): 20 pages from PFN 0x10003 start
    /// 0x3000 into their granule, so iova_align(80 KiB + 12 KiB) = 128 KiB is reserved (2 granules, a power of two
    /// already), mapped from the granule's start by one iommu_map (32 PTEs of 4 KiB here) and returned as base + 0x3000;
    /// the next range (PFN 0x10041, 0x1000 into its granule) gets 64 KiB of its own, just below in the same last-level
    /// table (one walk from the root for both).
    /// </summary>
    [Fact]
    public void ARangeMappedAloneTakesWholeGranulesAndKeepsItsOffset()
    {
        using var mapper = new DmaMapper(MapperKind.IovaLink, DmaLimits.None, granule: 64 * K);
        Linked l = Map<PhysVecList, DmaVecList>([.. Run(0x10003, 20), .. Run(0x10041, 1)], new BuildParameters(0, 21 * 4 * K), mapper);
        Assert.False(l.Mapping.InState);
        Assert.Equal(2, l.Mapping.IovaAllocations);
        Assert.Equal([(0x3000UL, 80 * K), (0x1000UL, 4 * K)], l.Segments.Select(s => (s.Address & (64 * K - 1), s.Length)));
        Assert.Equal(0UL, (l.Segments[0].Address - 0x3000) & (128 * K - 1));   // a 128 KiB reservation, naturally aligned
        Assert.Equal(new PageTableWork(MapCalls: 2, EntriesWritten: 32 + 16, Walks: 1, Syncs: 2), l.Work);
    }
}
