using BenchSuite.Encodings.Internal;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.Phyr16;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>
/// The density figures the kernel discussion quotes (lib/rlist.c comment; 32.25 B/entry for chained scatterlists),
/// measured from built lists: scattered single pages, one entry each, built in one call as __sg_alloc_table sizes them.
/// </summary>
public sealed class ChunkFigureTests
{
    /// <summary>Every other PFN from <paramref name="first"/>: nothing merges.</summary>
    static PinnedPage[] Scattered(int count, ulong first, int provider = 0) =>
        Enumerable.Range(0, count).Select(i => new PinnedPage(first + 2 * (ulong)i, 0, provider)).ToArray();

    static Footprint Build<TList>(PinnedPage[] pages, P2PWindows? windows = null) where TList : struct, IRangeList<TList>
    {
        using var allocator = new KernelAllocator();
        var parameters = new BuildParameters(0, (ulong)pages.Length * Page.Size, windows: windows);
        using TList list = RangeListBuilder.Build<TList>(allocator, parameters, pages, batchPages: pages.Length);
        Assert.Equal(pages.Length, list.Entries);
        return list.Footprint;
    }

    [Theory]
    [InlineData(8, 63)]     // FOLIO_PFN, pfn below 2^32
    [InlineData(16, 31)]    // FOLIO_PFN, pfn above 2^32
    [InlineData(24, 21)]    // FOLIO, 16 MiB or more into a 1 GiB folio
    public void RlistChunkHoldsTheQuotedEntries(int entryBytes, int perChunk)
    {
        PinnedPage[] Pages(int n) => entryBytes switch
        {
            8 => Scattered(n, 0x1000),
            16 => Scattered(n, 1UL << 33),
            // Pages 32 MiB into 1 GiB folios: the folio pointer and an offset past the 16-byte entry's 24 bits.
            _ => Enumerable.Range(0, n).Select(i => new PinnedPage(((ulong)i << 18) + (1UL << 30) + 8192, PinnedPage.MaxFolioOrder)).ToArray(),
        };
        P2PWindows? windows = null;

        Footprint full = Build<RlistList<Chunk512>>(Pages(perChunk), windows);
        Assert.Equal(1, full.Allocations);
        Assert.Equal(RlistList<Chunk512>.ChunkBytes, full.AllocatedBytes);
        Assert.Equal(perChunk * entryBytes, full.PayloadBytes);

        Footprint spill = Build<RlistList<Chunk512>>(Pages(perChunk + 1), windows);
        Assert.Equal(2, spill.Allocations);

        // The lib/rlist.c comment: 8.1, 16.5, 24.38 bytes per entry.
        double perEntry = (double)full.AllocatedBytes / perChunk;
        Assert.Equal(entryBytes switch { 8 => 8.13, 16 => 16.52, _ => 24.38 }, perEntry, 2);
    }

    /// <summary>Derived from __sg_alloc_table: k = 1 + ceil((N − 128)/127) arrays; (k−1) pages + kmalloc(32·r).</summary>
    static long ScatterlistPrediction(int n)
    {
        if (n <= 128)
            return n == 128 ? Page.Size : KernelAllocator.KmallocSize(32L * n);
        int k = 1 + (n - 128 + 126) / 127;
        int r = n - 127 * (k - 1);
        return (k - 1) * (long)Page.Size + (r == 128 ? Page.Size : KernelAllocator.KmallocSize(32L * r));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(127 * 40 + 1)]
    public void ScatterlistArraysAreSizedAsTheKernelSizesThem(int entries)
    {
        Footprint f = Build<SgTable>(Scattered(entries, 0x100));
        Assert.Equal(ScatterlistPrediction(entries), f.AllocatedBytes);
        Assert.Equal(32L * entries, f.PayloadBytes);
        Assert.Equal(32, f.HeaderBytes);
    }

    [Fact]
    public void ChainedScatterlistCosts32Point25BytesPerEntry()
    {
        // 40 full chained pages of 127 entries, then a last array of exactly 128: 41 pages for 127 * 40 + 128 entries.
        int entries = 127 * 40 + 128;
        Footprint f = Build<SgTable>(Scattered(entries, 0x100));
        Assert.Equal(41L * Page.Size, f.AllocatedBytes);
        // The chained pages, measured: the quoted 32.25 B/entry (4096 / 127, rounded).
        Assert.Equal(32.25, (double)(f.AllocatedBytes - Page.Size) / (127 * 40), 2);
    }

    [Theory]
    [InlineData(256, 16)]
    [InlineData(512, 8)]
    public void ScatterlistPolicySizesThePhyr16AndOrder8Chunks(int perPage, int entryBytes)
    {
        // The same policy as scatterlist: perPage − 1 entries per chained page, the tail kmalloc'ed to size.
        int entries = (perPage - 1) * 3 + 10;
        Footprint f = entryBytes == 16 ? Build<Phyr16List<Len32, Chunks>>(Scattered(entries, 0x100)) : Build<Order8List<Chunks>>(Scattered(entries, 0x100));
        Assert.Equal(3L * Page.Size + KernelAllocator.KmallocSize(10L * entryBytes), f.AllocatedBytes);
        Assert.Equal(4, f.Allocations);
    }

    /// <summary>What a batch writes to chunks.json for claim C10: the quoted figures, within 1%.</summary>
    [Fact]
    public void TheBatchsChunkFillMeasuresTheQuotedFigures()
    {
        var rows = BenchSuite.Workloads.Density.ChunkFill.Measure();
        Assert.Equal([("rlist", 8), ("rlist", 16), ("rlist", 24), ("scatterlist", 32)], rows.Select(r => (r.Encoding, r.EntryBytes)));
        Assert.All(rows, r => Assert.InRange(r.BytesPerEntry / r.QuotedBytesPerEntry, 0.99, 1.01));
        Assert.Equal(64 * RlistList<Chunk512>.ChunkBytes, rows[0].ChunkBytes);
        Assert.Equal(64 * Page.Size, rows[3].ChunkBytes);
    }
}
