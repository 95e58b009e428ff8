using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PageArray;

/// <summary>
/// The DMA result of a page array, as <c>hmm_dma_map</c> keeps it (mm/hmm.c, <c>hmm_dma_map_alloc</c>,
/// <c>hmm_dma_map_pfn</c>): a <c>pfn_list</c> of 8 B per page always (kvcalloc), and a <c>dma_iova_state</c> in the
/// header; with an IOVA, page i is at <c>state.addr + i * PAGE_SIZE</c> and nothing more is stored. dma-direct on a
/// coherent device keeps nothing either (<c>dma_need_unmap</c> is false: its addresses are the pfns'). A
/// <c>dma_list</c> of one <c>dma_addr_t</c> per page is kept only when no IOVA was allocated and the mapping must be
/// remembered: here, an IOMMU whose pages cannot follow each other in one IOVA range (a granule larger than a page).
/// Bus addresses are refused, a departure: the kernel flags a peer's page in pfn_list (<c>HMM_PFN_P2PDMA_BUS</c>) and
/// hands its bus address to the caller. A mapping that splits a page is refused too.
/// </summary>
public unsafe struct HmmDmaMap : IDmaList<HmmDmaMap, PageArrayList>
{
    struct State
    {
        public HmmDmaMapHeader Header;
        public ulong* SourcePages;
        public ulong PfnMask;
        public ulong DmaMask;
        public ulong Pages;
        public ulong Planned;
        public ulong Written;
        public uint FirstOffset;
        public ulong LengthBytes;
        /// <summary>Every page's DMA address is its physical address: dma-direct.</summary>
        public bool Direct;
        public bool SawBusAddress;
        /// <summary>Every segment so far continues the previous one: one IOVA range, page i at base + i pages.</summary>
        public bool Linear;
        public ulong NextAddress;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>Departure: the kernel's per-page P2P flag in pfn_list (HMM_PFN_P2PDMA_BUS) is not modelled, so bus addresses are refused.</summary>
    public static DmaOutputTraits OutputTraits => DmaOutputTraits.NoBusAddressFlag | DmaOutputTraits.PerPage;

    public static ulong MaxSegmentBytes => ulong.MaxValue;

    public static HmmDmaMap Create(KernelAllocator allocator, in PageArrayList source, bool identity)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        PageArrayHeader header = source.Header;
        state->SourcePages = header.Pages;
        state->Pages = header.NrPages;
        state->FirstOffset = header.FirstOffset;
        state->LengthBytes = header.LengthBytes;
        state->Direct = true;
        state->Linear = true;
        state->Header.DmaEntrySize = Page.Size;
        return new HmmDmaMap { _state = state, _allocator = allocator };
    }

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment)
    {
        State* s = _state;
        ulong index = s->Planned;   // the segment's first page
        ulong start = segment.Address & ~Page.OffsetMask;
        s->SawBusAddress |= segment.BusAddress;
        if (index < s->Pages && start != Page.PhysOf(Page.PfnOf(s->SourcePages[index])))
            s->Direct = false;
        if (index > 0 && start != s->NextAddress)
            s->Linear = false;
        s->NextAddress = (segment.End + Page.OffsetMask) & ~Page.OffsetMask;
        s->Planned += Page.PagesSpanned((uint)(segment.Address & Page.OffsetMask), segment.Length);
    }

    public bool TryAllocate(out Refusal refusal)
    {
        State* s = _state;
        string? why = s->SawBusAddress ? "a P2P bus address per page is not modelled: the kernel flags the page in pfn_list (HMM_PFN_P2PDMA_BUS) and hands its bus address to the caller"
            : s->Planned != s->Pages ? $"the mapping touches {s->Planned} pages for {s->Pages}: a segment boundary splits a page"
            : null;
        refusal = why is null ? Refusal.None : new Refusal(PageArrayList.Name, RefusalReason.DmaNotRepresentable, why);
        if (why is not null)
            return false;
        s->Header.PfnList = _allocator.AllocateWords((long)s->Pages, ref s->Tally, out s->PfnMask);
        if (!s->Direct && s->Linear)
            s->Header.IovaSize = s->Pages << Page.Shift;   // dma_use_iova(): one range, linked page by page
        else if (!s->Direct)
            s->Header.DmaList = _allocator.AllocateWords((long)s->Pages, ref s->Tally, out s->DmaMask);
        return true;
    }

    /// <summary>Each page's pfn goes to pfn_list; its DMA address to dma_list only when there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        ulong address = segment.Address & ~Page.OffsetMask;
        ulong end = segment.End;
        ulong i = s->Written;
        if (i == 0 && s->Header.IovaSize != 0)
            s->Header.IovaAddr = address;   // the allocation's base, known in the writing pass only
        for (; address < end; address += Page.Size, i++)
        {
            s->Header.PfnList[i & s->PfnMask] = Page.PfnOf(s->SourcePages[i]);
            if (s->Header.DmaList != null)
                s->Header.DmaList[i & s->DmaMask] = address;
        }
        s->Written = i;
    }

    public void Complete() { }

    public readonly long Entries => (long)_state->Written;

    /// <summary>The 40-byte hmm_dma_map, pfn_list and, without an IOVA, dma_list.</summary>
    public readonly Footprint Footprint =>
        _state->Tally.Footprint(Entries, Entries * sizeof(ulong) * (_state->Header.DmaList != null ? 2 : 1), sizeof(HmmDmaMapHeader));

    public readonly RangeCursor Start() => new() { Entry = null, Remaining = (long)_state->Written };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        State* s = _state;
        ulong i = s->Written - (ulong)cursor.Remaining;
        ulong length = Page.BytesOfPageAt(cursor.Position, s->FirstOffset, s->LengthBytes, out ulong inPage);
        ulong page = s->Header.DmaList != null ? s->Header.DmaList[i & s->DmaMask]
            : s->Header.IovaSize != 0 ? s->Header.IovaAddr + (i << Page.Shift)
            : Page.PhysOf(s->Header.PfnList[i & s->PfnMask]);
        segment = new DmaSegment(page + inPage, length);
        cursor.Position += length;
        cursor.Remaining--;
        return true;
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        if (_allocator.Counting)
            _allocator.ReleaseCounted(ref s->Tally);
        else
        {
            if (s->Header.PfnList != null)
                _allocator.Free(s->Header.PfnList, AllocationClass.Kvmalloc, (long)s->Pages * sizeof(ulong), ref s->Tally);
            if (s->Header.DmaList != null)
                _allocator.Free(s->Header.DmaList, AllocationClass.Kvmalloc, (long)s->Pages * sizeof(ulong), ref s->Tally);
        }
        NativeMemory.Free(s);
        _state = null;
    }
}
