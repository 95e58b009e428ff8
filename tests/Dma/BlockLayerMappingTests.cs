using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Scenarios;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// bio_vec mapped as block/blk-mq-dma.c maps requests: one IOVA window sized by the payload when every interior
/// boundary is on a granule (<c>blk_can_dma_map_iova</c>, <c>dma_iova_try_alloc</c>), one mapping per merged range
/// otherwise (<c>blk_dma_map_direct</c>), and a BAR bio a request of its own whose P2P mode its first page fixes.
/// </summary>
public class BlockLayerMappingTests
{
    internal static (DmaMapping Mapping, DmaCheck Check) Map(PinnedPage[] pages, BuildParameters parameters, DmaMapper mapper)
    {
        using var allocator = new KernelAllocator();
        using BioChain chain = RangeListBuilder.Build<BioChain>(allocator, parameters, pages);
        var check = new DmaCheck(pages, parameters, mapper, NoDmaList.MaxSegmentBytes);
        DmaCheck.Sink sink = check.AsSink();
        DmaMapping mapping = mapper.MapTo(chain, ref sink, NoDmaList.MaxSegmentBytes);
        Assert.True(check.Complete, check.Error);
        mapper.Unmap(mapping);
        Assert.Equal(0, mapper.Iova?.Live ?? 0);
        return (mapping, check);
    }

    static PinnedPage[] Fragmented(int pages) => Enumerable.Range(0, pages).Select(i => new PinnedPage(0x100000 + 3 * (ulong)i)).ToArray();

    [Fact]
    public void AlignedRequestIsOneWindowSizedByItsPayload()
    {
        using var iommu = new DmaMapper(MapperKind.Iommu, DmaLimits.None);
        var (mapping, check) = Map(Fragmented(300), new BuildParameters(0, 300 * 4096), iommu);
        Assert.Equal((1, 300 * 4096UL, 1L), (mapping.IovaAllocations, mapping.IovaBytes, check.Segments));
    }

    [Fact]
    public void UnalignedRequestIsOneMappingPerMergedRange()
    {
        // A 64 KiB granule: 4 KiB pages leave every interior boundary off the granule, so each range is mapped alone.
        using var iommu = new DmaMapper(MapperKind.Iommu, DmaLimits.None, granule: 65536);
        var (mapping, check) = Map(Fragmented(300), new BuildParameters(0, 300 * 4096), iommu);
        Assert.Equal((300, 300L), (mapping.IovaAllocations, check.Segments));
    }

    [Theory]
    [InlineData(MapperKind.Iommu)]
    [InlineData(MapperKind.P2P)]
    public void BarBiosAreRequestsOfTheirOwn(MapperKind kind)
    {
        // p2p-mixed at 8 MiB: RAM and BAR alternate every 2 MiB, so four requests. Through the host bridge every one
        // is an IOVA window, which before joined into one segment; with bus addresses the BAR ones are flagged.
        var list = ScenarioCatalog.Find("p2p-mixed").Create(8UL << 20, seed: 1);
        using var mapper = new DmaMapper(kind, DmaLimits.None, list.Bars);
        var (mapping, check) = Map(list.Materialise(), list.Parameters(), mapper);
        Assert.Equal(4, check.Segments);
        Assert.Equal(kind == MapperKind.Iommu ? 4 : 2, mapping.IovaAllocations);
    }
}
