using BenchSuite.Encodings;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Memory;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// rlist's DMA list as <c>rsiova_init</c> (jgunthorpe/linux lib/rlist_dma.c) lays it out: one entry on the fast path
/// (a page list without P2P pages), one unmerged entry per CPU entry on the slow path, and the device's limits applied
/// as it is iterated. Before, it stored one entry per segment the mapper cut.
/// </summary>
public class RlistDmaTests
{
    static readonly BarWindow[] s_bars = [new(1, 0x800000, 0x1000, BusOffset: 1L << 40)];

    static (Footprint Footprint, long Segments) Map(PinnedPage[] pages, MapperKind kind, DmaLimits limits)
    {
        var windows = new P2PWindows([new P2PWindows.Window(0x800000, 0x1000, 1)]);
        var parameters = new BuildParameters(0, (ulong)pages.Length * Page.Size, windows: windows);
        using var mapper = new DmaMapper(kind, limits, s_bars);
        MappingOutcome o = EncodingRegistry.Visit("rlist", new MappingHarness(pages, parameters, mapper));
        Assert.Null(o.Refusal);
        Assert.Null(o.Error);   // every byte at its address, and as many segments replayed as the mapping counted
        return (o.Output, o.Segments);
    }

    static PinnedPage[] Fragmented(int pages, ulong first = 0x100000) =>
        Enumerable.Range(0, pages).Select(i => new PinnedPage(first + 2 * (ulong)i)).ToArray();

    [Fact]
    public void APageListWithoutP2PIsOneEntryCutAsItIsIterated()
    {
        // 1000 scattered pages, 1000 CPU entries: rlist_dma_init_single, one 8-byte entry in one chunk.
        var (f, segments) = Map(Fragmented(1000), MapperKind.Iommu, DmaLimits.None);
        Assert.Equal((1L, 8L, 1L, (long)RlistList<Chunk512>.ChunkBytes, (long)RlistDmaList<Chunk512>.HeaderBytes), (f.Entries, f.PayloadBytes, f.Allocations, f.AllocatedBytes, f.HeaderBytes));
        Assert.Equal(1, segments);

        // Under 64 KiB segments the same one entry gives the device 4000 KiB / 64 KiB = 63 segments.
        var (limited, cut) = Map(Fragmented(1000), MapperKind.Iommu, DmaLimits.PciDefault);
        Assert.Equal(1, limited.Entries);
        Assert.Equal(63, cut);
    }

    [Fact]
    public void AListWithP2PPagesIsOneUnmergedEntryPerCpuEntry()
    {
        // Two RAM runs, then a BAR run: rsiova_init_slow appends one entry each, though the RAM runs' IOVA follow
        // each other; the BAR run's bus address is ABSOLUTE with RSIOVA_PRIV_P2P: a 24-byte entry.
        PinnedPage[] pages = [.. Fragmented(1), .. Fragmented(1, 0x200000), .. Enumerable.Range(0, 4).Select(i => new PinnedPage(0x800000 + (ulong)i, 0, 1))];
        var (p2p, segments) = Map(pages, MapperKind.P2P, DmaLimits.None);
        Assert.Equal((3L, 8 + 8 + 24L), (p2p.Entries, p2p.PayloadBytes));
        Assert.Equal(3, segments);
        // Through the host bridge the BAR run gets IOVA too: still the slow path, three RELATIVE entries.
        var (iommu, _) = Map(pages, MapperKind.Iommu, DmaLimits.None);
        Assert.Equal((3L, 24L), (iommu.Entries, iommu.PayloadBytes));
    }
}
