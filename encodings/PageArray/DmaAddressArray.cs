using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PageArray;

/// <summary>
/// The DMA result of a page array: one <c>dma_addr_t</c> per page in one kvmalloc array, as drivers that mapped page
/// by page kept (VFIO type1's per-page IOMMU entries, pre-umem RDMA page lists). Segment boundaries are not kept:
/// the walk yields one segment per page (the first starts at the offset, the last is cut by the length).
/// Refuses bus addresses (a bare <c>dma_addr_t</c> has no flag for them) and a mapping that splits a page.
/// </summary>
public unsafe struct DmaAddressArray : IDmaList<DmaAddressArray, PageArrayList>
{
    struct State
    {
        public ulong* Addresses;
        public ulong IndexMask;
        public long ArrayBytes;
        public ulong Pages;
        public ulong Planned;
        public ulong Written;
        public uint FirstOffset;
        public ulong LengthBytes;
        public bool SawBusAddress;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;

    public static bool StoresSegments => true;
    public static bool CutsAtDeviceLimits => false;

    public static ulong MaxSegmentBytes => ulong.MaxValue;

    public static DmaAddressArray Create(KernelAllocator allocator, in PageArrayList source, bool identity)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        PageArrayHeader header = source.Header;
        state->Pages = header.NrPages;
        state->FirstOffset = header.FirstOffset;
        state->LengthBytes = header.LengthBytes;
        return new DmaAddressArray { _state = state, _allocator = allocator };
    }

    public void Plan(in DmaSegment segment)
    {
        State* s = _state;
        s->SawBusAddress |= segment.BusAddress;
        s->Planned += Page.PagesSpanned((uint)(segment.Address & Page.OffsetMask), segment.Length);
    }

    public bool TryAllocate(out Refusal refusal)
    {
        State* s = _state;
        string? why = s->SawBusAddress ? "a dma_addr_t per page has no flag for a P2P bus address"
            : s->Planned != s->Pages ? $"the mapping touches {s->Planned} pages for {s->Pages}: a segment boundary splits a page"
            : null;
        refusal = why is null ? Refusal.None : new Refusal(PageArrayList.Name, RefusalReason.DmaNotRepresentable, why);
        if (why is not null)
            return false;
        s->ArrayBytes = (long)s->Pages * sizeof(ulong);
        s->Addresses = _allocator.AllocateWords((long)s->Pages, ref s->Tally, out s->IndexMask);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        ulong address = segment.Address & ~Page.OffsetMask;
        ulong end = segment.End;
        ulong i = s->Written;
        for (; address < end; address += Page.Size)
            s->Addresses[i++ & s->IndexMask] = address;
        s->Written = i;
    }

    public void Complete() { }

    public readonly long Entries => (long)_state->Written;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * sizeof(ulong), 0);

    public readonly RangeCursor Start() => new() { Entry = (byte*)_state->Addresses, Remaining = (long)_state->Written };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        ulong length = Page.BytesOfPageAt(cursor.Position, _state->FirstOffset, _state->LengthBytes, out ulong inPage);
        segment = new DmaSegment(*(ulong*)cursor.Entry + inPage, length);
        cursor.Entry += sizeof(ulong);
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
        else if (s->Addresses != null)
            _allocator.Free(s->Addresses, AllocationClass.Kvmalloc, s->ArrayBytes, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
