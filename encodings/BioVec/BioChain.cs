using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// DOC: biovec, the baseline the block layer already has: bios of multi-page bio_vecs.
/// <para>
/// Origin: include/linux/bvec.h; block/bio.c <c>bio_add_page</c> and <c>bvec_try_merge_page</c>; bvec pools
/// (block/bio.c <c>bvec_slabs</c>, <c>bio_alloc_bioset</c>; block/blk.h <c>BIO_INLINE_VECS</c>). No DMA list is
/// stored: the block layer maps while it walks (block/blk-mq-dma.c).
/// </para>
/// <code>
/// entry   16 B  bv_page | bv_len | bv_offset                            (see BioVec)
/// bio     32 B  next, vecs, vcnt, max_vecs, size, gap mask (kmem_cache) (see Bio)
/// header  8 B   first bio
/// storage per bio its object with BIO_INLINE_VECS (4) bvecs behind it (the bioset's back_pad), and beyond 4 one bvec
///         array from the 16, 64, 128 or 256 slab, sized for the pages still to add (bio_max_segs)
/// </code>
/// Merge rule (<c>bio_add_page</c>): a page in another pgmap than the last bvec's is refused, so the bio ends there
/// and a new one begins (P2P and RAM never share a bio; <c>zone_device_pages_have_same_pgmap</c>); a page that
/// continues the last bvec physically grows it; otherwise it takes a new bvec, or a new bio when this one has
/// max_vecs bvecs. A bio is full when its size would pass UINT_MAX (BIO_MAX_SIZE), which also splits a long run
/// between bios. Refuses nothing.
/// Walk: O(1) per bvec, bio to bio by bi_next; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: half the bytes per entry and no DMA fields, but one bio per 256 entries.</item>
/// <item>Compared to phyr16: the same 16 bytes, a page pointer instead of a physical address.</item>
/// </list>
/// </summary>
public unsafe struct BioChain : IRangeList<BioChain>
{
    public const int BioMaxVecs = 256;

    /// <summary>bvecs kept in the bio object itself (block/blk.h), for bios of at most that many.</summary>
    public const int BioInlineVecs = 4;

    /// <summary><c>bvec_slabs</c>: a bio of more than <see cref="BioInlineVecs"/> takes the smallest that holds it.</summary>
    static readonly int[] s_slabSizes = [16, 64, 128, BioMaxVecs];

    /// <summary>The bio object: struct bio and, behind it, the inline bvecs every bio of the bioset carries.</summary>
    static int BioObjectBytes => sizeof(Bio) + BioInlineVecs * sizeof(BioVec);

    struct State
    {
        public Bio* First;
        public Bio* Last;
        public PinnedPage LastPage;
        public long Entries;
        public BufferBytes Bytes;
        public ulong PagesLeft;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => "biovec";

    public static string Description => "16-byte struct bio_vec, multi-page bvecs, bios of at most 256 vecs (block layer baseline)";
    public static int EntryBytes => sizeof(BioVec);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous;

    /// <summary>Contiguous pages merge without limit, within bios of 256 vecs and UINT_MAX bytes (<c>bio_add_page</c>).</summary>
    public static RangeRule Rule(in BuildParameters parameters) => new(ulong.MaxValue, BioMaxVecs, uint.MaxValue);

    public static BioChain Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Bytes = new BufferBytes(parameters.FirstOffset, parameters.TotalLengthBytes);
        state->PagesLeft = parameters.Pages;
        return new BioChain { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        foreach (PinnedPage page in pages)
        {
            (ulong len, uint offset) = s->Bytes.Take(1);
            AddPage(s, page, (uint)len, offset);
            s->PagesLeft--;
            s->LastPage = page;
        }
        refusal = Refusal.None;
        return true;
    }

    /// <summary><c>bio_add_page</c>, with a new bio allocated when it refuses.</summary>
    void AddPage(State* s, PinnedPage page, uint len, uint offset)
    {
        Bio* bio = s->Last;
        // bio_add_page returns 0 for a page of another pgmap, which ends the bio (iov_iter_extract_bvecs stops there).
        if (bio != null && bio->Size <= uint.MaxValue - len && page.Provider == s->LastPage.Provider)
        {
            BioVec* last = bio->Vecs + bio->Vcnt - 1;
            if (page.Phys + offset == last->Phys + last->BvLen)
            {
                last->BvLen += len;
                bio->Size += len;
                return;
            }
            if (bio->Vcnt < bio->MaxVecs)
            {
                AddVec(s, bio, page, len, offset);
                return;
            }
        }
        AddVec(s, NewBio(s), page, len, offset);
    }

    static void AddVec(State* s, Bio* bio, PinnedPage page, uint len, uint offset)
    {
        // bvec_seg_gap: where the previous bvec ends and this one starts (block/blk-merge.c, bio_split_io_at).
        if (bio->Vcnt > 0 && bio->Vecs + bio->Vcnt - 1 is var previous)
            bio->GapMask |= (previous->Phys + previous->BvLen) | (page.Phys + offset);
        bio->Vecs[bio->Vcnt++] = new BioVec { BvPage = Page.PointerOf(page.Pfn), BvLen = len, BvOffset = offset };
        bio->Size += len;
        s->Entries++;
    }

    /// <summary>
    /// <c>bio_alloc_bioset</c> with bio_max_segs(pages still to add): up to 4 the inline bvecs (<c>bi_max_vecs</c> 4
    /// even for 1), else <c>bvec_alloc</c> from the smallest slab that holds them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    Bio* NewBio(State* s)
    {
        ulong want = Math.Min(s->PagesLeft, BioMaxVecs);
        var bio = (Bio*)_allocator.Allocate(AllocationClass.KmemCache, BioObjectBytes, ref s->Tally);
        if (want <= BioInlineVecs)
        {
            *bio = new Bio { Vecs = (BioVec*)(bio + 1), MaxVecs = BioInlineVecs };
        }
        else
        {
            int vecs = BioMaxVecs;
            foreach (int size in s_slabSizes)   // a loop, not LINQ: a build allocates no managed memory
            {
                if ((ulong)size >= want)
                {
                    vecs = size;
                    break;
                }
            }
            *bio = new Bio
            {
                Vecs = (BioVec*)_allocator.Allocate(AllocationClass.KmemCache, vecs * sizeof(BioVec), ref s->Tally),
                MaxVecs = (ushort)vecs,
            };
        }
        if (s->Last == null)
            s->First = bio;
        else
            s->Last->Next = bio;
        s->Last = bio;
        return bio;
    }

    public readonly long Entries => _state->Entries;

    /// <summary>For tests: each bio's bvec count and capacity, and the providers of its bvecs.</summary>
    internal readonly List<(int Vecs, int MaxVecs, int[] Providers)> Bios()
    {
        var bios = new List<(int, int, int[])>();
        for (Bio* bio = _state->First; bio != null; bio = bio->Next)
        {
            var providers = new int[bio->Vcnt];
            for (int i = 0; i < bio->Vcnt; i++)
                providers[i] = _windows.ProviderOf(bio->Vecs[i].Phys >> Page.Shift);
            bios.Add((bio->Vcnt, bio->MaxVecs, providers));
        }
        return bios;
    }

    public readonly Footprint Footprint => _state->Tally.Footprint(_state->Entries, _state->Entries * EntryBytes, sizeof(ulong));

    /// <summary>A cursor at the chain's first bvec, for <see cref="NextRequest"/>.</summary>
    public readonly RangeCursor StartRequests() => StartRanges();

    /// <summary>
    /// The next request the block layer makes of the chain under <paramref name="queue"/>'s limits. Each bio is split
    /// where it passes them (block/blk-merge.c, <c>bio_split_io_at</c>, <c>bvec_split_segs</c>), and the front of a
    /// split is a request of its own (<c>bio_submit_split</c> sets <c>REQ_NOMERGE</c>). A whole bio of RAM joins the
    /// request before it while the sum stays within max_sectors and max_segments (<c>ll_back_merge_fn</c>,
    /// <c>ll_new_hw_segment</c>: segment counts add, with no merge across the junction); a bio of BAR pages is a
    /// request of its own (<c>REQ_NOMERGE</c>, set by <c>__bio_add_page</c>). A request's gap mask adds the junctions
    /// between its bvecs that are not physically contiguous (<c>bio_seg_gap</c>). Under a queue without limits
    /// nothing can split, and the bvecs are not walked.
    /// </summary>
    public readonly bool NextRequest(ref RangeCursor cursor, in QueueLimits queue, out BlockRequest request)
    {
        if (cursor.Remaining == 0 && !NextBio(ref cursor))
        {
            request = default;
            return false;
        }
        RangeCursor start = cursor;
        int provider = _windows.ProviderOf((((BioVec*)cursor.Entry)->Phys + cursor.Position) >> Page.Shift);
        bool split = Piece(ref cursor, queue, out ulong bytes, out int segments, out ulong gaps, out ulong end);
        for (RangeCursor next = cursor; provider == 0 && !split && NextBio(ref next);)
        {
            var first = (BioVec*)next.Entry;
            if (_windows.ProviderOf(first->Phys >> Page.Shift) != 0
                || Piece(ref next, queue, out ulong pieceBytes, out int pieceSegments, out ulong pieceGaps, out ulong pieceEnd)
                || pieceBytes > queue.MaxBytes - bytes || pieceSegments > queue.MaxSegments - segments)
                break;
            if (end != first->Phys)
                gaps |= end | first->Phys;
            gaps |= pieceGaps;
            bytes += pieceBytes;
            segments += pieceSegments;
            end = pieceEnd;
            cursor = next;
        }
        request = new BlockRequest(start, bytes, segments, gaps, provider);
        return true;
    }

    /// <summary>Moves <paramref name="cursor"/> to the next bio's first bvec; false at the end of the chain.</summary>
    static bool NextBio(ref RangeCursor cursor)
    {
        Bio* next = cursor.ChunkEnd == null ? null : ((Bio*)cursor.ChunkEnd)->Next;
        if (next == null)
            return false;
        cursor = new RangeCursor { Entry = (byte*)next->Vecs, ChunkEnd = (byte*)next, Remaining = next->Vcnt };
        return true;
    }

    /// <summary>
    /// What one request takes of the bio at <paramref name="cursor"/>, from there: <c>bio_split_io_at</c> counts each
    /// bvec's segments (<c>bvec_split_segs</c>, cutting at the segment limits) until max_segments or max_sectors would
    /// be passed. True if the bio must be split, with <paramref name="cursor"/> at the split point (possibly inside a
    /// bvec); false if the rest of the bio fits, with <paramref name="cursor"/> past it.
    /// </summary>
    static bool Piece(ref RangeCursor cursor, in QueueLimits queue, out ulong bytes, out int segments, out ulong gaps, out ulong end)
    {
        var bio = (Bio*)cursor.ChunkEnd;
        BioVec* last = bio->Vecs + bio->Vcnt - 1;
        end = last->Phys + last->BvLen;
        if (!queue.Splits)
        {
            // Nothing splits: the whole bio (a cursor is only ever inside a bio after a split).
            bytes = bio->Size;
            segments = 0;
            gaps = bio->GapMask;
            cursor.Entry = (byte*)(last + 1);
            cursor.Remaining = 0;
            return false;
        }
        bytes = 0;
        segments = 0;
        gaps = 0;
        ulong previousEnd = 0;
        for (; cursor.Remaining != 0; cursor.Entry += sizeof(BioVec), cursor.Remaining--, cursor.Position = 0)
        {
            var bv = (BioVec*)cursor.Entry;
            ulong phys = bv->Phys + cursor.Position, length = bv->BvLen - cursor.Position;
            if (bytes != 0 && phys != previousEnd)
                gaps |= previousEnd | phys;
            ulong fits = Math.Min(length, queue.MaxBytes - bytes), taken = 0;
            for (; taken < fits && segments < queue.MaxSegments; segments++)
                taken += queue.Segments.FirstPiece(phys + taken, fits - taken);
            bytes += taken;
            if (taken < length)
            {
                cursor.Position += taken;
                end = phys + taken;
                return true;
            }
            previousEnd = phys + length;
        }
        return false;
    }

    /// <summary>
    /// The next range of a request: <see cref="NextRange"/> clipped to the request, which may start and end inside a
    /// bvec. <paramref name="left"/> starts at the request's bytes.
    /// </summary>
    public readonly bool NextRequestRange(ref RangeCursor cursor, ref ulong left, out LogicalRange range)
    {
        ulong skip = cursor.Position;
        if (left == 0 || !NextRange(ref cursor, out range))
        {
            range = default;
            return false;
        }
        cursor.Position = 0;
        ulong length = Math.Min(range.LengthBytes - skip, left);
        range = range with { Phys = range.Phys + skip, LengthBytes = length };
        left -= length;
        return true;
    }

    public readonly RangeCursor StartRanges()
    {
        Bio* bio = _state->First;
        return bio == null ? default : new RangeCursor { Entry = (byte*)bio->Vecs, ChunkEnd = (byte*)bio, Remaining = bio->Vcnt };
    }

    /// <summary><c>bio_for_each_bvec</c> across the bi_next chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        while (cursor.Remaining == 0)
        {
            Bio* next = cursor.ChunkEnd == null ? null : ((Bio*)cursor.ChunkEnd)->Next;
            if (next == null)
            {
                range = default;
                return false;
            }
            cursor = new RangeCursor { Entry = (byte*)next->Vecs, ChunkEnd = (byte*)next, Remaining = next->Vcnt };
        }
        var bv = (BioVec*)cursor.Entry;
        ulong phys = bv->Phys;
        range = new LogicalRange(phys, bv->BvLen, _windows.ProviderOf(phys >> Page.Shift));
        cursor.Entry += sizeof(BioVec);
        cursor.Remaining--;
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        if (_allocator.Counting)
        {
            _allocator.ReleaseCounted(ref s->Tally);
        }
        else
        {
            for (Bio* bio = s->First; bio != null;)
            {
                Bio* next = bio->Next;
                if (bio->MaxVecs > BioInlineVecs)
                    _allocator.Free(bio->Vecs, AllocationClass.KmemCache, bio->MaxVecs * sizeof(BioVec), ref s->Tally);
                _allocator.Free(bio, AllocationClass.KmemCache, BioObjectBytes, ref s->Tally);
                bio = next;
            }
        }
        NativeMemory.Free(s);
        _state = null;
    }
}
