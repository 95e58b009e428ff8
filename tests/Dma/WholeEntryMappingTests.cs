using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// Hand-computed from the kernel: <c>iommu_dma_map_sg</c> and <c>__finalise_sg</c> (drivers/iommu/dma-iommu.c) pack
/// whole entries and pad an entry that would cross the segment boundary; <c>dma_direct_map_sg</c>
/// (kernel/dma/direct.c) gives one segment per entry; <c>sg_alloc_append_table_from_pages</c> (lib/scatterlist.c)
/// builds within max_segment. rlist is not among them: rlist_cpu has no limit, and rlist_dma applies the device's
/// segmentation as it is iterated.
/// </summary>
public class WholeEntryMappingTests
{
    /// <summary>Runs of the given page counts, each far from the others.</summary>
    static PinnedPage[] Runs(params int[] pages) =>
        pages.SelectMany((n, r) => Enumerable.Range(0, n).Select(i => new PinnedPage(0x100000 + 0x1000 * (ulong)r + (ulong)i))).ToArray();

    sealed class Segments(PinnedPage[] pages, ulong maxSegment, DmaMapper mapper) : IEncodingVisitor<(long Entries, List<DmaSegment>? Segments, Refusal Refusal)>
    {
        public (long, List<DmaSegment>?, Refusal) Visit<TList, TDma>()
            where TList : struct, IRangeList<TList>
            where TDma : struct, IDmaList<TDma, TList>
        {
            using var allocator = new KernelAllocator();
            var parameters = new BuildParameters(0, (ulong)pages.Length * Page.Size, maxSegment);
            using TList list = RangeListBuilder.Build<TList>(allocator, parameters, pages);
            TDma output = TDma.Create(allocator, list, mapper.IsIdentity);
            try
            {
                if (!mapper.TryMap(list, ref output, out DmaMapping mapping, out Refusal refusal))
                    return (list.Entries, null, refusal);
                var segments = new List<DmaSegment>();
                RangeCursor cursor = output.Start();
                while (output.Next(ref cursor, out DmaSegment s))
                    segments.Add(s);
                mapper.Unmap(mapping);
                return (list.Entries, segments, Refusal.None);
            }
            finally
            {
                output.Dispose();
            }
        }
    }

    static (long Entries, List<DmaSegment>? Segments, Refusal Refusal) Map(string encoding, PinnedPage[] pages, ulong maxSegment, MapperKind kind, DmaLimits limits)
    {
        using var mapper = new DmaMapper(kind, limits);
        return EncodingRegistry.Visit(encoding, new Segments(pages, maxSegment, mapper));
    }

    [Theory]
    [InlineData("scatterlist")]
    [InlineData("phyr16")]
    [InlineData("order8")]
    public void FinaliseSgNeverSplitsAnEntry(string encoding)
    {
        // 12K, 60K and 8K under 64K: 60K does not fit after 12K, 8K not after 60K: three segments, where cutting
        // the IOVA range at 64K gave two.
        var limits = new DmaLimits(65536, 1UL << 32);
        var (entries, segments, _) = Map(encoding, Runs(3, 15, 2), 65536, MapperKind.Iommu, limits);
        Assert.Equal(encoding == "order8" ? 4 : 3, entries);   // order8: 3 pages are two blocks (2 + 1), 15 one pair
        Assert.Equal([12288UL, 61440, 8192], segments!.Select(s => s.Length));
        // In the other order 12K and 8K share one (__finalise_sg packs greedily, in list order).
        Assert.Equal([20480UL, 61440], Map(encoding, Runs(3, 2, 15), 65536, MapperKind.Iommu, limits).Segments!.Select(s => s.Length));
    }

    [Theory]
    [InlineData("scatterlist")]
    [InlineData("phyr16")]
    [InlineData("order8")]
    public void A48PageRunUnder64KIsThreeEntriesAndThreeDirectSegments(string encoding)
    {
        var limits = new DmaLimits(65536, 1UL << 32);
        var (entries, direct, _) = Map(encoding, Runs(48), 65536, MapperKind.Direct, limits);
        Assert.Equal(3, entries);
        Assert.Equal([65536UL, 65536, 65536], direct!.Select(s => s.Length));
        // Through the IOMMU: a full 64K segment has no room left, so three as well.
        Assert.Equal(3, Map(encoding, Runs(48), 65536, MapperKind.Iommu, limits).Segments!.Count);
    }

    [Fact]
    public void IommuDmaMapSgPadsAnEntryThatWouldCrossTheBoundary()
    {
        // Boundary 64K, max_segment 1M: 16K at 0; 32K follows at 16K and joins (48K); the next 32K would cross 64K,
        // so pad_len = 16K goes onto the previous entry and it starts on the boundary, where it may not join.
        var limits = new DmaLimits(1 << 20, 65536);
        var (_, segments, _) = Map("phyr16", Runs(4, 8, 8), 1 << 20, MapperKind.Iommu, limits);
        ulong window = segments![0].Address;   // the IOVA allocation's start: 64 KiB aligned, as its size rounds to 128 KiB
        Assert.Equal(0UL, window % 65536);
        Assert.Equal([(0UL, 49152UL), (65536UL, 32768UL)], segments.Select(s => (s.Address - window, s.Length)));
    }

    [Fact]
    public void AnEntryLongerThanTheDeviceTakesIsRefusedNotCut()
    {
        // Built for no limit (one 192K entry), mapped for a 64K device: the kernel would hand over one oversized
        // segment, the suite refuses.
        var (_, segments, refusal) = Map("phyr16", Runs(48), BuildParameters.UnlimitedMaxSegment, MapperKind.Iommu, new DmaLimits(65536, 1UL << 32));
        Assert.Null(segments);
        Assert.Equal(RefusalReason.EntryLongerThanSegment, refusal.Reason);
    }
}
