using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PageArray;

/// <summary>
/// DOC: pagearray, the baseline: one <c>struct page *</c> per 4 KiB page.
/// <para>
/// Origin: what <c>pin_user_pages_fast</c> fills (mm/gup.c) and what VFIO type1 and pre-scatterlist RDMA held;
/// Willy's objection in "Phyr Starter" (Jan 2022): a 1 GiB hugepage writes 2^18 entries.
/// </para>
/// <code>
/// entry   8 B   struct page * (vmemmap address of the page)
/// header  24 B  pages, npages, first offset, length                      (see PageArrayHeader)
/// storage one kvmalloc(npages * 8): kmalloc up to 4 MiB (whole powers of two of pages above 8 KiB), vmalloc beyond
/// </code>
/// Merge rule: none, one entry per page; ranges are single pages (the first starts at the offset, the last is cut).
/// Refuses nothing. Walk: O(1) per page; seek O(1) by index.
/// <list type="bullet">
/// <item>Compared to scatterlist: 8 bytes per page whatever the contiguity; a 2 MiB folio costs 4 KiB here, 32 B there.</item>
/// <item>Compared to order8: the same entry size, but per page instead of per aligned block.</item>
/// </list>
/// </summary>
public unsafe struct PageArrayList : IRangeList<PageArrayList>
{
    struct State
    {
        public PageArrayHeader Header;
        public ulong Appended;
        public ulong IndexMask;
        public long ArrayBytes;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => "pagearray";

    public static string Description => "8-byte struct page * per 4 KiB page in one kvmalloc array (what GUP returns; baseline)";
    public static int EntryBytes => sizeof(ulong);
    public static RangeListTraits Traits => RangeListTraits.ConstantTimeSeek;

    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.PerPage;

    public static PageArrayList Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        if (parameters.Pages > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(parameters), $"{parameters.Pages} pages: a page array's npages is 32 bits");
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Header.NrPages = (uint)parameters.Pages;
        state->Header.FirstOffset = parameters.FirstOffset;
        state->Header.LengthBytes = parameters.TotalLengthBytes;
        return new PageArrayList { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        if (s->Header.Pages == null)
            AllocateArray(s);
        if (s->Appended + (ulong)pages.Length + leftPages != s->Header.NrPages)
            throw new ArgumentException($"pagearray: {s->Appended} + {pages.Length} + {leftPages} pages do not add up to {s->Header.NrPages}");
        // In counting mode the array is a recycled window, written modulo its size (IndexMask); otherwise the mask is all ones.
        ulong* array = s->Header.Pages;
        ulong mask = s->IndexMask;
        ulong i = s->Appended;
        foreach (PinnedPage page in pages)
            array[i++ & mask] = Page.PointerOf(page.Pfn);
        s->Appended = i;
        refusal = Refusal.None;
        return true;
    }

    void AllocateArray(State* s)
    {
        s->ArrayBytes = (long)s->Header.NrPages * sizeof(ulong);
        s->Header.Pages = _allocator.AllocateWords(s->Header.NrPages, ref s->Tally, out s->IndexMask);
    }

    public readonly long Entries => (long)_state->Appended;

    /// <summary>Pages, first offset and length, for the per-page DMA result (<see cref="HmmDmaMap"/>).</summary>
    internal readonly PageArrayHeader Header => _state->Header;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * EntryBytes, sizeof(PageArrayHeader));

    public readonly RangeCursor StartRanges() =>
        new() { Entry = (byte*)_state->Header.Pages, Remaining = (long)_state->Appended };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        ulong pfn = Page.PfnOf(*(ulong*)cursor.Entry);
        ulong length = Page.BytesOfPageAt(cursor.Position, _state->Header.FirstOffset, _state->Header.LengthBytes, out ulong inPage);
        range = new LogicalRange(Page.PhysOf(pfn) + inPage, length, _windows.ProviderOf(pfn));
        cursor.Entry += sizeof(ulong);
        cursor.Position += length;
        cursor.Remaining--;
        return true;
    }

    /// <summary>O(1): the page index is the byte offset shifted.</summary>
    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart)
    {
        ulong first = _state->Header.FirstOffset;
        ulong index = byteOffset >= _state->Header.LengthBytes ? _state->Appended : (byteOffset + first) >> Page.Shift;
        rangeStart = index == 0 ? 0 : (index << Page.Shift) - first;
        return new RangeCursor
        {
            Entry = (byte*)(_state->Header.Pages + index),
            Remaining = (long)(_state->Appended - index),
            Position = rangeStart,
        };
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        if (_allocator.Counting)
            _allocator.ReleaseCounted(ref s->Tally);
        else if (s->Header.Pages != null)
            _allocator.Free(s->Header.Pages, AllocationClass.Kvmalloc, s->ArrayBytes, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
