using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Workloads.Dma;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// The block queue's limits as the block layer applies them before mapping: <c>bio_split_io_at</c> and
/// <c>bvec_split_segs</c> (block/blk-merge.c) split a bio at max_sectors or max_segments, the front of a split is a
/// request of its own (<c>bio_submit_split</c> sets <c>REQ_NOMERGE</c>), and whole bios merge while the sums fit
/// (<c>ll_back_merge_fn</c>, <c>ll_new_hw_segment</c>). nvme's limits come from <c>nvme_pci_alloc_dev</c> and
/// <c>nvme_set_ctrl_limits</c>.
/// </summary>
public class BlockQueueTests
{
    static PinnedPage[] Scattered(int pages) => Enumerable.Range(0, pages).Select(i => new PinnedPage(0x100000 + 3 * (ulong)i)).ToArray();

    static PinnedPage[] Contiguous(int pages) => Enumerable.Range(0, pages).Select(i => new PinnedPage(0x100000 + (ulong)i)).ToArray();

    static List<(ulong Bytes, int Segments)> Requests(PinnedPage[] pages, QueueLimits queue)
    {
        using var allocator = new KernelAllocator();
        using BioChain chain = RangeListBuilder.Build<BioChain>(allocator, new BuildParameters(0, (ulong)pages.Length * 4096), pages);
        var requests = new List<(ulong, int)>();
        RangeCursor cursor = chain.StartRequests();
        while (chain.NextRequest(ref cursor, queue, out BlockRequest request))
        {
            // The ranges a request hands over add up to its payload.
            ulong left = request.Bytes, sum = 0;
            RangeCursor ranges = request.Ranges;
            while (chain.NextRequestRange(ref ranges, ref left, out LogicalRange range))
                sum += range.LengthBytes;
            Assert.Equal(request.Bytes, sum);
            requests.Add((request.Bytes, request.Segments));
        }
        return requests;
    }

    [Theory]
    // Behind an IOMMU max_hw_sectors is dma_opt_mapping_size (iova_rcache_range, 128 KiB): 128K / 4K + 1 = 33 segments.
    [InlineData(MapperKind.Iommu, 128 * 1024UL, 33)]
    // Without one, NVME_MAX_BYTES (8 MiB) capped by BLK_DEF_MAX_SECTORS_CAP (4 MiB); NVME_MAX_SEGS (256) caps 2049.
    [InlineData(MapperKind.Direct, 4UL << 20, 256)]
    public void NvmeLimitsFollowTheDriver(MapperKind kind, ulong maxBytes, int maxSegments)
    {
        QueueLimits queue = BlockQueues.Limits(BlockQueue.Nvme, kind, DevicePreset.Find("nvme").Limits);
        Assert.Equal((maxBytes, maxSegments), (queue.MaxBytes, queue.MaxSegments));
        Assert.False(BlockQueues.Limits(BlockQueue.None, kind, DmaLimits.None).Splits);
    }

    [Fact]
    public void ALongBvecIsSplitAtMaxSectors()
    {
        // 1 MiB contiguous is one bvec in one bio; bio_split_io_at cuts it every 128 KiB, inside the bvec.
        var queue = new QueueLimits(128 * 1024, 33, DeviceSegmentation.None);
        Assert.Equal(Enumerable.Repeat((128 * 1024UL, 1), 8), Requests(Contiguous(256), queue));
    }

    [Fact]
    public void ABioIsSplitAtMaxSegments()
    {
        // 40 scattered pages are one bio of 40 bvecs, a segment each: 33 go, the remaining 7 are the next request.
        var queue = new QueueLimits(ulong.MaxValue, 33, DeviceSegmentation.None);
        Assert.Equal([(33 * 4096UL, 33), (7 * 4096UL, 7)], Requests(Scattered(40), queue));
    }

    [Theory]
    // 300 scattered pages are bios of 256 and 44 bvecs (BIO_MAX_VECS). Under 100 segments the first bio splits into
    // two fronts of 100 (each REQ_NOMERGE, and full) and a rest of 56, which the second bio joins: 56 + 44 = 100.
    [InlineData(100, new[] { 100, 100, 100 })]
    // Under 99 the rest is 58, and 58 + 44 does not fit: the second bio is a request of its own.
    [InlineData(99, new[] { 99, 99, 58, 44 })]
    public void TheRestOfASplitBioTakesTheNextBioIfItFits(int maxSegments, int[] segments)
    {
        var queue = new QueueLimits(ulong.MaxValue, maxSegments, DeviceSegmentation.None);
        Assert.Equal(segments, Requests(Scattered(300), queue).Select(r => r.Segments));
    }

    [Fact]
    public void WholeBiosMergeWhileTheSumsFit()
    {
        // The same bios under 512 segments and 4 MiB: 256 + 44 segments and 1.17 MiB fit one request.
        var queue = new QueueLimits(4UL << 20, 512, DeviceSegmentation.None);
        Assert.Equal([(300 * 4096UL, 300)], Requests(Scattered(300), queue));
        // Under 256 segments the second bio no longer fits: two requests (ll_new_hw_segment).
        Assert.Equal([256, 44], Requests(Scattered(300), queue with { MaxSegments = 256 }).Select(r => r.Segments));
    }

    [Fact]
    public void SegmentsAreCountedAtTheSegmentLimits()
    {
        // bvec_split_segs counts a 1 MiB bvec under a 64 KiB max_segment_size as 16 segments: 33 segments take
        // 2 MiB, more than max_sectors, so max_sectors splits first, at 16 segments.
        var queue = new QueueLimits(1UL << 20, 33, new DeviceSegmentation(64 * 1024, ulong.MaxValue));
        Assert.Equal([(1UL << 20, 16), (1UL << 20, 16)], Requests(Contiguous(512), queue));
        // Under 8 segments the split comes at 512 KiB.
        Assert.Equal(4, Requests(Contiguous(512), queue with { MaxSegments = 8 }).Count);
    }

    [Fact]
    public void NvmeBehindAnIommuMapsEachRequestInItsOwnWindow()
    {
        // 1 MiB contiguous under nvme behind an IOMMU: 8 requests of 128 KiB, each one IOVA window and one segment.
        using var iommu = new DmaMapper(MapperKind.Iommu, DevicePreset.Find("nvme").Limits);
        var (mapping, check) = BlockLayerMappingTests.Map(Contiguous(256), new BuildParameters(0, 256 * 4096), iommu);
        Assert.Equal((8, 8L, 1UL << 20), (mapping.IovaAllocations, check.Segments, mapping.IovaBytes));
    }
}
