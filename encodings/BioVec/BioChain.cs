using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// DOC: biovec, the baseline the block layer already has: bios of multi-page bio_vecs.
/// <para>
/// Origin: include/linux/bvec.h; block/bio.c <c>bio_add_page</c> and <c>bvec_try_merge_page</c>; bvec pools
/// (block/bio.c <c>bvec_slabs</c>). No DMA list is stored: the block layer maps while it walks (block/blk-mq-dma.c).
/// </para>
/// <code>
/// entry   16 B  bv_page | bv_len | bv_offset                            (see BioVec)
/// bio     24 B  next, vecs, vcnt, max_vecs, size (kmem_cache)           (see Bio)
/// header  8 B   first bio
/// storage per bio one bvec array from the pools of 1, 4, 16, 64, 128, 256 entries, sized for the pages still to add
/// </code>
/// Merge rule (<c>bio_add_page</c>): a page that continues the last bvec physically, in the same pgmap, grows it;
/// otherwise it takes a new bvec, or a new bio when this one has max_vecs bvecs. A bio is full when its size would
/// pass UINT_MAX, which also splits a long run between bios. Refuses nothing.
/// Walk: O(1) per bvec, bio to bio by bi_next; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: half the bytes per entry and no DMA fields, but one bio per 256 entries.</item>
/// <item>Compared to phyr16: the same 16 bytes, a page pointer instead of a physical address.</item>
/// </list>
/// </summary>
public unsafe struct BioChain : IRangeList<BioChain>
{
    public const int BioMaxVecs = 256;
    static readonly int[] s_poolSizes = [1, 4, 16, 64, 128, BioMaxVecs];

    struct State
    {
        public Bio* First;
        public Bio* Last;
        public PinnedPage LastPage;
        public long Entries;
        public uint FirstOffset;
        public ulong RemainingBytes;
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

    public static BioChain Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->FirstOffset = parameters.FirstOffset;
        state->RemainingBytes = parameters.TotalLengthBytes;
        state->PagesLeft = parameters.Pages;
        return new BioChain { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        foreach (PinnedPage page in pages)
        {
            uint len = (uint)Math.Min(Page.Size - s->FirstOffset, s->RemainingBytes);
            AddPage(s, page, len, s->FirstOffset);
            s->RemainingBytes -= len;
            s->FirstOffset = 0;
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
        if (bio != null && bio->Size <= uint.MaxValue - len)
        {
            BioVec* last = bio->Vecs + bio->Vcnt - 1;
            if (page.Provider == s->LastPage.Provider && page.Phys + offset == last->Phys + last->BvLen)
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
        bio->Vecs[bio->Vcnt++] = new BioVec { BvPage = Page.PointerOf(page.Pfn), BvLen = len, BvOffset = offset };
        bio->Size += len;
        s->Entries++;
    }

    /// <summary>bio_alloc with bio_max_segs(pages still to add): the smallest bvec pool that holds them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    Bio* NewBio(State* s)
    {
        ulong want = Math.Min(s->PagesLeft, BioMaxVecs);
        int vecs = BioMaxVecs;
        foreach (int size in s_poolSizes)   // a loop, not LINQ: a build allocates no managed memory
        {
            if ((ulong)size >= want)
            {
                vecs = size;
                break;
            }
        }
        var bio = (Bio*)_allocator.Allocate(AllocationClass.KmemCache, sizeof(Bio), ref s->Tally);
        *bio = new Bio
        {
            Vecs = (BioVec*)_allocator.Allocate(AllocationClass.KmemCache, vecs * sizeof(BioVec), ref s->Tally),
            MaxVecs = (ushort)vecs,
        };
        if (s->Last == null)
            s->First = bio;
        else
            s->Last->Next = bio;
        s->Last = bio;
        return bio;
    }

    public readonly long Entries => _state->Entries;

    public readonly Footprint Footprint => _state->Tally.Footprint(_state->Entries, _state->Entries * EntryBytes, sizeof(ulong));

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
                _allocator.Free(bio->Vecs, AllocationClass.KmemCache, bio->MaxVecs * sizeof(BioVec), ref s->Tally);
                _allocator.Free(bio, AllocationClass.KmemCache, sizeof(Bio), ref s->Tally);
                bio = next;
            }
        }
        NativeMemory.Free(s);
        _state = null;
    }
}
