using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Scenarios;
using Xunit;

namespace BenchSuite.Tests.Dma;

public class MapperAcceptanceTests
{
    /// <summary>Encodings whose DMA output stores ranges (pagearray stores a dma_addr_t per page).</summary>
    static readonly string[] s_rangeOutputs = ["scatterlist", "phyr16", "order8", "rlist", "biovec"];

    /// <summary>Every page on its own: pfn 0x100000, 0x100002, ... (no two physically adjacent).</summary>
    static PinnedPage[] Fragmented(int pages) =>
        Enumerable.Range(0, pages).Select(i => new PinnedPage(0x100000 + 2 * (ulong)i)).ToArray();

    static MappingOutcome Map(string encoding, PinnedPage[] pages, BuildParameters parameters, MapperKind kind, DmaLimits limits)
    {
        using var mapper = new DmaMapper(kind, limits);
        MappingOutcome o = EncodingRegistry.Visit(encoding, new MappingHarness(pages, parameters, mapper));
        Assert.Null(o.Error);
        Assert.Null(o.Refusal);
        return o;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(4099)]
    public void Iommu_coalesces_a_fragmented_list_to_one_range_or_max_segment_pieces(int pages)
    {
        PinnedPage[] list = Fragmented(pages);
        ulong length = (ulong)pages * Page.Size;
        var unlimited = new BuildParameters(0, length);
        var pci = new BuildParameters(0, length, maxSegment: 65536);
        foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
        {
            long one = Map(encoding, list, unlimited, MapperKind.Iommu, DmaLimits.None).Entries;
            long pieces = Map(encoding, list, pci, MapperKind.Iommu, new DmaLimits(65536, DmaLimits.Unlimited)).Entries;
            bool perPage = EncodingRegistry.Find(encoding).Rule(unlimited).MaxPagesPerRange == 1;
            Assert.Equal(perPage ? pages : 1, one);
            Assert.Equal(perPage ? pages : (long)((length + 65535) / 65536), pieces);
        }
    }

    [Fact]
    public void Direct_gives_one_segment_per_merged_range_of_each_encoding()
    {
        // Runs of 1 to 8 contiguous pages: encodings that merge see fewer ranges than pagearray.
        var rnd = new Random(7);
        var pages = new List<PinnedPage>();
        ulong pfn = 0x200000;
        while (pages.Count < 3000)
        {
            int run = rnd.Next(1, 9);
            for (int i = 0; i < run; i++)
                pages.Add(new PinnedPage(pfn + (ulong)i));
            pfn += (ulong)run + 1 + (ulong)rnd.Next(4);
        }
        var parameters = new BuildParameters(512, (ulong)pages.Count * Page.Size - 1000);
        foreach (string encoding in EncodingRegistry.Names)
        {
            int ranges = ReferenceModel(encoding, pages, parameters);
            Assert.Equal(ranges, Map(encoding, pages.ToArray(), parameters, MapperKind.Direct, DmaLimits.None).Entries);
        }
        Assert.True(ReferenceModel("phyr16", pages, parameters) < pages.Count / 3);
    }

    static int ReferenceModel(string encoding, List<PinnedPage> pages, BuildParameters parameters) =>
        BenchSuite.Encodings.Reference.ReferenceModel.Ranges(encoding, pages, parameters)!.Count;

    [Fact]
    public void P2p_splits_around_flagged_bar_ranges_and_never_mixes_ram_and_bar()
    {
        var mixed = ScenarioCatalog.Find("p2p-mixed").Create(64 << 20, seed: 1);
        var ram = ScenarioCatalog.Find("rdma-thp").Create(64 << 20, seed: 1);
        PinnedPage[] pages = mixed.Materialise();
        BuildParameters parameters = mixed.Parameters();
        using var mapper = new DmaMapper(MapperKind.P2P, DmaLimits.None, mixed.Bars);
        using var ramMapper = new DmaMapper(MapperKind.P2P, DmaLimits.None, ram.Bars);
        foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
        {
            // DmaCheck fails any segment whose bytes leave RAM for a BAR (or back), or whose bus flag is wrong.
            MappingOutcome o = EncodingRegistry.Visit(encoding, new MappingHarness(pages, parameters, mapper));
            if (EncodingRegistry.Find(encoding).Rule(parameters).OneProvider)
            {
                Assert.Equal(RefusalReason.MixedProviders, o.Refusal?.Reason);   // physvec: one provider per list
                continue;
            }
            if (EncodingRegistry.Find(encoding).OutputTraits.HasFlag(DmaOutputTraits.NoBusAddressFlag))
            {
                Assert.Equal(RefusalReason.DmaNotRepresentable, o.Refusal?.Reason);
                continue;
            }
            Assert.Null(o.Error);
            MappingOutcome r = EncodingRegistry.Visit(encoding, new MappingHarness(ram.Materialise(), ram.Parameters(), ramMapper));
            Assert.True(o.Entries > r.Entries, $"{encoding}: {o.Entries} entries for p2p-mixed, {r.Entries} for RAM only");
        }
    }
}
