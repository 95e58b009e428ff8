using BenchSuite.Encodings;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;

namespace BenchSuite.Workloads.Density;

/// <summary>One list of entries of one size, built, and what its chunks cost per entry.</summary>
public sealed record ChunkFillResult(string Encoding, string EntryForm, int EntryBytes, long Entries, long ChunkBytes, double QuotedBytesPerEntry)
{
    public double BytesPerEntry => (double)ChunkBytes / Entries;
}

/// <summary>
/// Measures the chunk figures claim C10 quotes (lib/rlist.c's comment: 63, 31 and 21 entries of 8, 16 and 24 bytes
/// per 512-byte chunk; the scatterlist's 127 entries per 4 KiB page) from lists built for it: 64 full chunks of
/// entries of one size each, from scattered pages whose addresses pick the size.
/// </summary>
public static class ChunkFill
{
    const int Chunks = 64;

    public static IReadOnlyList<ChunkFillResult> Measure() =>
    [
        Build<RlistList<Chunk512>>("FOLIO_PFN, pfn below 2^32", 8, 63 * Chunks, i => new PinnedPage(0x1000 + 2 * (ulong)i), 8.1),
        Build<RlistList<Chunk512>>("FOLIO_PFN, pfn above 2^32", 16, 31 * Chunks, i => new PinnedPage((1UL << 33) + 2 * (ulong)i), 16.5),
        // A page 32 MiB into a 1 GiB folio: the folio pointer and an offset past the 16-byte form's 24 bits.
        Build<RlistList<Chunk512>>("FOLIO, 32 MiB into a 1 GiB folio", 24, 21 * Chunks,
            i => new PinnedPage(((ulong)i << PinnedPage.MaxFolioOrder) + (1UL << 30) + 8192, PinnedPage.MaxFolioOrder), 24.38),
        // 127 entries a page and one more in the last, which then needs no chain link: every chunk a full page.
        Build<SgTable>("struct scatterlist", 32, 127 * (Chunks - 1) + 128, i => new PinnedPage(0x1000 + 2 * (ulong)i), 32.25),
    ];

    static ChunkFillResult Build<TList>(string form, int entryBytes, int entries, Func<int, PinnedPage> page, double quoted)
        where TList : struct, IRangeList<TList>
    {
        var pages = new PinnedPage[entries];
        for (int i = 0; i < entries; i++)
            pages[i] = page(i);
        using var allocator = new KernelAllocator();
        using TList list = RangeListBuilder.Build<TList>(allocator, new BuildParameters(0, (ulong)entries * Page.Size), pages);
        if (list.Entries != entries)
            throw new InvalidOperationException($"{TList.Name}: {entries} scattered pages made {list.Entries} entries");
        return new ChunkFillResult(TList.Name, form, entryBytes, entries, list.Footprint.AllocatedBytes, quoted);
    }
}
