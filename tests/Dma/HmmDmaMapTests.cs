using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// pagearray's DMA output is what <c>hmm_dma_map_alloc</c> (mm/hmm.c) keeps: a pfn_list of 8 B per page always, the
/// dma_iova_state in the 40-byte struct hmm_dma_map, and a dma_list only when no IOVA was allocated and the mapping
/// must be remembered (dma_need_unmap); before, it was always a dma_addr_t per page.
/// </summary>
public class HmmDmaMapTests
{
    const int Pages = 2048;   // 16 KiB of pfn_list: a kmalloc_large of 16 KiB

    static Footprint Map(DmaMapper mapper)
    {
        // Every third page: with a 64 KiB granule, pages keep their offsets in their granules and cannot follow each other.
        var pages = Enumerable.Range(0, Pages).Select(i => new PinnedPage(0x100000 + 3 * (ulong)i)).ToArray();
        MappingOutcome o = EncodingRegistry.Visit("pagearray", new MappingHarness(pages, new BuildParameters(0, Pages * (ulong)Page.Size), mapper));
        Assert.Null(o.Refusal);
        Assert.Null(o.Error);
        return o.Output;
    }

    [Fact]
    public void WithAnIovaOnlyThePfnListIsKept()
    {
        using var iommu = new DmaMapper(MapperKind.Iommu, DmaLimits.None);
        Footprint f = Map(iommu);
        Assert.Equal(40, f.HeaderBytes);
        Assert.Equal((1, 16384L), (f.Allocations, f.AllocatedBytes));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACoherentDirectMappingKeepsNoDmaList(bool limited)
    {
        // dma_need_unmap is false for dma-direct on a coherent device, whatever its segment limits.
        using var direct = new DmaMapper(MapperKind.Direct, limited ? DmaLimits.PciDefault : DmaLimits.None);
        Footprint f = Map(direct);
        Assert.Equal((1, 16384L), (f.Allocations, f.AllocatedBytes));
    }

    [Fact]
    public void AnIovaThePagesCannotFollowInKeepsADmaList()
    {
        // A 64 KiB granule: each page keeps its offset in its granule, so page i is not at addr + i pages.
        using var iommu = new DmaMapper(MapperKind.Iommu, DmaLimits.None, granule: 65536);
        Footprint f = Map(iommu);
        Assert.Equal((2, 2 * 16384L), (f.Allocations, f.AllocatedBytes));
    }
}
