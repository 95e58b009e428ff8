using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// The DMA result of an rlist: <c>struct rlist_dma { struct rlist rlist; struct rlist_cpu *cpu; dma_addr_t base; }</c>
/// = 24 B (jgunthorpe/linux include/linux/rlist_dma.h, lib/rlist_dma.c), entries packed in the same chunks as the CPU list's (512 bytes in the prototype),
/// laid out as <c>rsiova_init</c> lays them out:
/// <list type="bullet">
/// <item>Fast path, a page list with no P2P page (<c>rlist_cpu_is_pagelist</c>, <c>!rlist_cpu_has_p2pdma</c>): one
///   <c>RLIST_DMA_RELATIVE</c> entry for the whole IOVA (<c>rlist_dma_init_single</c>): 8 B below 256 MiB, else 16 B.
///   Departure: the prototype's entry starts at the window (base 0), without the first byte's offset that its own
///   mapping adds; here it starts at the first byte, so the addresses are right.</item>
/// <item>Slow path (<c>rsiova_init_slow</c>): one entry per CPU entry, unmerged ("FIXME This has to combine?" in
///   <c>rlsdma_append</c>): IOVA entries RELATIVE to the window start, bus addresses <c>RLIST_DMA_ABSOLUTE</c> with
///   <c>RSIOVA_PRIV_P2P</c> in the extra field (24 B). The prototype gives bus addresses only to PHYSICAL entries and
///   maps GUP-pinned BAR pages (folio entries) through the IOMMU; here the p2p mapper gives them bus addresses, as
///   the DMA API does for every other encoding.</item>
/// <item>Identity (dma-direct, no offset, no limits): an empty rlist and the cpu pointer
///   (<c>rlist_dma_init_identity_cpu</c>); the DMA addresses are the physical ones, nothing is allocated.</item>
/// </list>
/// The device's limits are applied as the list is iterated (<c>struct rlist_dma_segmentation</c>): an entry yields
/// as many segments as the limits cut it into, and those are what the device sees (<see cref="Entries"/>).
/// Departure: the mapping pads an entry that would cross the segment boundary on the fast path too (the prototype
/// pads only on the slow path, <c>pad_iova</c>), so a fast-path list above the boundary is one entry per boundary
/// window and a few segments longer (rdma-4k 64 GiB under pci-default: 1,048,578 segments for 1,048,576).
/// </summary>
public unsafe struct RlistDmaList<TSize> : IDmaList<RlistDmaList<TSize>, RlistList<TSize>> where TSize : struct, IRlistChunkSize
{
    public const int TypeRelative = 0;
    public const int TypeAbsolute = 1;
    public const uint PrivP2P = 1;

    /// <summary><c>sizeof(struct rlist_dma)</c>.</summary>
    public const int HeaderBytes = 24;

    /// <summary>A cursor's <c>Remaining</c> holds what is left of the entry being cut; this bit says it is a bus address.</summary>
    const long BusBit = 1L << 62;

    struct State
    {
        public RlistChunks<TSize> Chunks;
        public DeviceSegmentation Limits;
        /// <summary>The limits cut something: without them, entries are yielded whole with no cutting state.</summary>
        public bool Cuts;
        public ulong Base;
        public bool HasBase;
        /// <summary>The fast path's one entry, grown while the IOVA ranges follow each other.</summary>
        public bool FastPath;
        public ulong PendingStart, PendingLength;
        public long Segments;
    }

    State* _state;
    KernelAllocator _allocator;
    RlistList<TSize> _source;
    bool _identity;

    public static bool StoresSegments => true;

    public static DmaSegmenting Segmenting => DmaSegmenting.EachEntry;

    /// <summary>An identity mapping is the input itself; a linear IOVA one entry.</summary>
    public static DmaOutputTraits OutputTraits => DmaOutputTraits.IdentityByInput;

    public static ulong MaxSegmentBytes => RlistCodec.MaxLength;

    public static RlistDmaList<TSize> Create(KernelAllocator allocator, in RlistList<TSize> source, bool identity)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Limits = DeviceSegmentation.None;
        state->FastPath = !source.HasP2P;
        return new RlistDmaList<TSize> { _state = state, _allocator = allocator, _source = source, _identity = identity };
    }

    public readonly void UseLimits(DeviceSegmentation limits)
    {
        _state->Limits = limits;
        // Entries never pass the 60-bit length field, so only a smaller max_segment or a boundary can cut one.
        _state->Cuts = limits.MaxSegment < MaxSegmentBytes || limits.BoundaryMask != ulong.MaxValue;
    }

    public void Plan(in DmaSegment segment) { }

    public bool TryAllocate(out Refusal refusal)
    {
        refusal = Refusal.None;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        if (_identity)
        {
            s->Segments += s->Limits.Pieces(segment.Address, segment.Length);
            return;
        }
        if (!segment.BusAddress && !s->HasBase)
        {
            s->Base = segment.Address & ~Page.OffsetMask;   // the first IOVA entry's page: later entries are relative to it
            s->HasBase = true;
        }
        if (s->FastPath && !segment.BusAddress)
        {
            if (s->PendingLength != 0 && segment.Address == s->PendingStart + s->PendingLength)
            {
                s->PendingLength += segment.Length;
                return;
            }
            Flush(s);   // IOVA ranges that do not follow each other (a granule above the page size)
            (s->PendingStart, s->PendingLength) = (segment.Address, segment.Length);
            return;
        }
        Append(s, segment.Address, segment.Length, segment.BusAddress);
    }

    void Flush(State* s)
    {
        if (s->PendingLength != 0)
            Append(s, s->PendingStart, s->PendingLength, bus: false);
        s->PendingLength = 0;
    }

    void Append(State* s, ulong address, ulong length, bool bus)
    {
        RlistEntry entry = bus || !s->HasBase || address < s->Base
            ? new RlistEntry(TypeAbsolute, length, address, 0, bus ? PrivP2P : 0)
            : new RlistEntry(TypeRelative, length, address - s->Base, 0, 0);
        s->Chunks.Append(entry, _allocator);
        s->Segments += s->Limits.Pieces(address, length);
    }

    public void Complete()
    {
        Flush(_state);
        _state->Chunks.End();
    }

    /// <summary>Segments the device sees: the entries as the limits cut them.</summary>
    public readonly long Entries => _state->Segments;

    public readonly Footprint Footprint => _identity
        ? new Footprint(Entries, 0, 0, 0, 0, 0)
        : _state->Chunks.Tally.Footprint(_state->Chunks.Entries, _state->Chunks.PayloadBytes, HeaderBytes);

    public readonly RangeCursor Start()
    {
        RangeCursor cursor = _identity ? _source.StartRanges() : _state->Chunks.Start();
        cursor.Remaining = 0;   // Next keeps what is left of an entry being cut here (the chunk walk does not read it)
        return cursor;
    }

    /// <summary>The next segment: the rest of the entry being cut, or the first piece of the next entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (!_state->Cuts)
            return NextEntry(ref cursor, out segment);
        if (cursor.Remaining > 0)
        {
            (ulong address, ulong length) = (cursor.Position, (ulong)(cursor.Remaining & ~BusBit));
            segment = new DmaSegment(address, length, (cursor.Remaining & BusBit) != 0);
        }
        else if (!NextEntry(ref cursor, out segment))
            return false;
        ulong piece = _state->Limits.FirstPiece(segment.Address, segment.Length);
        cursor.Position = segment.Address + piece;
        cursor.Remaining = (long)(segment.Length - piece) | (segment.BusAddress && segment.Length != piece ? BusBit : 0);
        segment = segment with { Length = piece };
        return true;
    }

    /// <summary>The next entry whole: the identity's range, or a stored entry decoded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    readonly bool NextEntry(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (_identity)
        {
            bool more = _source.NextRange(ref cursor, out LogicalRange range);
            segment = IdentityDma.Segment(range);
            return more;
        }
        if (!RlistChunks<TSize>.TryRead(ref cursor, out RlistEntry e))
        {
            segment = default;
            return false;
        }
        ulong address = e.Type == TypeRelative ? _state->Base + e.Base : e.Base;
        segment = new DmaSegment(address, e.Length, (e.Extra & PrivP2P) != 0);
        return true;
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        s->Chunks.Free(_allocator);
        NativeMemory.Free(s);
        _state = null;
    }
}
