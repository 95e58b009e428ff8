using BenchSuite.Encodings;
using BenchSuite.Tests.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Memory;
using Xunit;

namespace BenchSuite.Tests.Dma;

public class RandomMappingTests
{
    public const int ListsPerMapper = 2000;

    /// <summary>Bus offsets of both signs, so a bus address that forgot its offset cannot pass.</summary>
    public static readonly BarWindow[] Bars =
    [
        new(1, RandomPageLists.BarPfn1, RandomPageLists.BarPages, BusOffset: -(1L << 49)),
        new(2, RandomPageLists.BarPfn2, RandomPageLists.BarPages, BusOffset: 1L << 28),
    ];

    static readonly ulong[] s_maxSegments = [DmaLimits.Unlimited, DmaLimits.Unlimited, 4096, 12288, 65536, 1 << 20];
    static readonly ulong[] s_boundaries = [DmaLimits.Unlimited, DmaLimits.Unlimited, 65536, 1 << 21, 1UL << 32];

    public static TheoryData<string> Mappers => new(MapperCatalog.Names);

    [Theory]
    [MemberData(nameof(Mappers))]
    public void Every_byte_reaches_the_consumer_once_at_its_DMA_address(string mapperName)
    {
        MapperKind kind = MapperCatalog.Find(mapperName).Kind;
        var failures = new List<string>();
        int mapped = 0;
        for (int seed = 0; seed < ListsPerMapper; seed++)
        {
            PageListCase c = RandomPageLists.Make(seed, maxPages: 200);
            var rnd = new Random(seed);
            var limits = new DmaLimits(s_maxSegments[rnd.Next(s_maxSegments.Length)], s_boundaries[rnd.Next(s_boundaries.Length)]);
            // A 64 KiB granule under 4 KiB pages (an IOMMU whose smallest page is larger than the CPU's) makes page-aligned
            // interior boundaries unaligned to the IOMMU.
            ulong granule = rnd.Next(4) == 0 ? 65536UL : 4096UL;
            using var mapper = new DmaMapper(kind, limits, Bars, granule);
            // Built within the device's max_segment, as ib_umem_get builds: the mappers map entries whole.
            var parameters = new BuildParameters(c.Parameters.FirstOffset, c.Parameters.TotalLengthBytes, limits.MaxSegment, c.Parameters.Windows);
            foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
            {
                MappingOutcome o = EncodingRegistry.Visit(encoding, new MappingHarness(c.Pages, parameters, mapper));
                if (o.Error is not null)
                    failures.Add($"{c}, {limits}, granule {granule}: {encoding}: {o.Error}");
                else if (o.Refusal is { } r && !Expected(r, c, limits, kind, granule))
                    failures.Add($"{c}, {limits}: unexpected refusal {r}");
                else if (o.Refusal is null)
                    mapped++;
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures, first: {string.Join("\n", failures.Take(5))}");
        Assert.True(mapped > ListsPerMapper * 5, $"only {mapped} mappings ran");
    }

    /// <summary>
    /// Refusals that are facts about a format: a scatterlist mapped in place cannot grow past its entries, a
    /// dma_addr_t array cannot flag a bus address; and an entry within max_segment but wider than the boundary.
    /// </summary>
    static bool Expected(Refusal r, PageListCase c, DmaLimits limits, MapperKind kind, ulong granule) => r.Reason switch
    {
        RefusalReason.DmaOutputOverflow => EncodingRegistry.Find(r.Encoding).OutputTraits.HasFlag(DmaOutputTraits.InPlace),
        // Entries are built within max_segment; one that, from its offset in its granule, reaches past the boundary's
        // window cannot be given IOVA whole.
        RefusalReason.EntryLongerThanSegment => kind != MapperKind.Direct && limits.MaxSegment > limits.SegmentBoundary - granule,
        RefusalReason.MixedProviders => EncodingRegistry.Find(r.Encoding).Rule(c.Parameters).OneProvider && c.Pages.Any(p => p.Provider != c.Pages[0].Provider),
        // hmm_dma_map links every page into one window, which dma_iova_link refuses off a larger granule.
        RefusalReason.DmaNotRepresentable when kind == MapperKind.IovaLink && granule > Page.Size
            && EncodingRegistry.Find(r.Encoding).OutputTraits.HasFlag(DmaOutputTraits.PerPage) => true,
        RefusalReason.DmaNotRepresentable => EncodingRegistry.Find(r.Encoding).OutputTraits.HasFlag(DmaOutputTraits.NoBusAddressFlag) && c.Pages.Any(p => p.Provider != 0),
        _ => false,
    };
}
