using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Internal;

/// <summary>
/// A chunk chain of one-segment slots built exactly as <c>sg_alloc_append_table_from_pages</c>
/// (lib/scatterlist.c) builds a scatterlist, for any <see cref="ISegmentFormat"/>:
/// <list type="number">
/// <item>on append, leading pages that continue the previous segment (<c>prv</c>) are absorbed while it stays within the cap;</item>
/// <item>the rest are cut into chunks of mergeable pages of at most <c>maxPages</c> pages, counted first so
///   <c>get_next_sg</c> knows how many slots are still needed (<c>chunks - i + left_pages</c>);</item>
/// <item>only the first segment carries the first-page offset; each call's last segment is cut by the bytes left;</item>
/// <item>the call with no pages left marks the end.</item>
/// </list>
/// Lives in native memory; the list struct that owns it holds the pointer.
/// </summary>
internal unsafe struct SegmentTable<TFormat> where TFormat : struct, ISegmentFormat
{
    public ChunkChain<TFormat> Chain;
    public byte* Prv;
    public PinnedPage PrvLastPage;
    public long Nents;
    public BufferBytes Bytes;
    public uint MaxPages;
    public AllocationTally Tally;

    /// <summary>A table in native memory (its bookkeeping is not part of the footprint; the kernel header is counted).</summary>
    public static SegmentTable<TFormat>* Create(in BuildParameters parameters, uint maxPages)
    {
        var table = (SegmentTable<TFormat>*)NativeMemory.AllocZeroed((nuint)sizeof(SegmentTable<TFormat>));
        table->Bytes = new BufferBytes(parameters.FirstOffset, parameters.TotalLengthBytes);
        table->MaxPages = maxPages;
        return table;
    }

    /// <summary>Frees the chunks and the table itself.</summary>
    public static void Destroy(SegmentTable<TFormat>* table, KernelAllocator allocator)
    {
        table->Chain.Free(allocator, ref table->Tally);
        NativeMemory.Free(table);
    }

    public void Append(ReadOnlySpan<PinnedPage> pages, ulong leftPages, KernelAllocator allocator)
    {
        if (Prv != null && pages.Length > 0 && pages[0].Follows(PrvLastPage))
        {
            // Merge contiguous pages into the last segment: the kernel tests prv->length + PAGE_SIZE <= max_segment.
            // It assumes whole pages here; a final partial page is cut by the bytes left, as new segments are.
            ulong maxBytes = (ulong)MaxPages << Page.Shift;
            int absorbed = 0;
            ulong length = TFormat.Length(Prv);
            while (absorbed < pages.Length
                   && pages[absorbed].Follows(absorbed == 0 ? PrvLastPage : pages[absorbed - 1])
                   && length + (ulong)Page.Size <= maxBytes)
            {
                length += Bytes.Take(1).Length;   // past the first segment, so from the page's start
                absorbed++;
            }
            if (absorbed > 0)
            {
                TFormat.SetLength(Prv, (uint)length);
                PrvLastPage = pages[absorbed - 1];
                pages = pages[absorbed..];
            }
        }

        if (pages.Length > 0)
            AddChunks(pages, leftPages, allocator);

        if (leftPages == 0 && Prv != null)
            TFormat.MarkEnd(Prv);
    }

    void AddChunks(ReadOnlySpan<PinnedPage> pages, ulong leftPages, KernelAllocator allocator)
    {
        long chunks = 1;
        uint pagesInChunk = 1;
        for (int i = 1; i < pages.Length; i++)
        {
            if (pagesInChunk == MaxPages || !pages[i].Follows(pages[i - 1]))
            {
                chunks++;
                pagesInChunk = 0;
            }
            pagesInChunk++;
        }

        int cur = 0;
        for (long i = 0; i < chunks; i++)
        {
            int j = cur + 1;
            while (j < pages.Length && j - cur < MaxPages && pages[j].Follows(pages[j - 1]))
                j++;

            byte* slot = Chain.Take(1, chunks - i + (long)leftPages, allocator, ref Tally);
            (ulong length, uint offset) = Bytes.Take((ulong)(j - cur));
            Debug.Assert(length <= uint.MaxValue, "segment caps keep lengths within 32 bits");
            TFormat.SetSegment(slot, pages[cur], offset, (uint)length);
            Nents++;
            Prv = slot;
            cur = j;
        }
        PrvLastPage = pages[^1];
    }

    public readonly Footprint Footprint(long headerBytes, int entryBytes) =>
        Tally.Footprint(Nents, Nents * entryBytes, headerBytes);
}
