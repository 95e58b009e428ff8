using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// The DMA result of an <c>order8@escape=12</c> list, in its own format, as <see cref="Order8DmaList{TChain}"/> is for
/// order8: nothing under an identity mapping, else one entry per segment (a block, or a counted run), so segments that
/// touch stay apart without a flag. A segment boundary inside a page (other than the first start and the last end)
/// cannot be stored and is refused.
/// </summary>
public unsafe struct Order8CountedDmaList<TChain> : IDmaList<Order8CountedDmaList<TChain>, Order8CountedList<TChain>>
    where TChain : struct, IChainPolicy
{
    struct State
    {
        public Order8Header Header;
        public CountedSlots<TChain> Slots;
        public long PlannedSlots;
        public long SlotCount;
        public long Segments;
        public ulong PlannedEnd;
        public long PlannedSegments;
        public ulong UnalignedBoundary;
        public bool Unrepresentable;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    Order8CountedList<TChain> _source;
    bool _identity;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>An identity mapping is the input itself; a linear IOVA one entry.</summary>
    public static DmaOutputTraits OutputTraits => DmaOutputTraits.IdentityByInput;

    /// <summary>A count of 2^32 − 1 pages, less a page: a segment starting inside a page spans one page more than its length.</summary>
    public static ulong MaxSegmentBytes => (CountedWord.MaxPages - 1) << Page.Shift;

    public static Order8CountedDmaList<TChain> Create(KernelAllocator allocator, in Order8CountedList<TChain> source, bool identity) => new()
    {
        _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)),
        _allocator = allocator,
        _source = source,
        _identity = identity,
    };

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment)
    {
        State* s = _state;
        if (_identity || s->Unrepresentable)
            return;
        bool first = s->PlannedSegments++ == 0;
        if (!first && ((s->PlannedEnd | segment.Address) & Page.OffsetMask) != 0)
        {
            s->Unrepresentable = true;
            s->UnalignedBoundary = segment.Address;
            return;
        }
        if (first)
            s->Header.FirstOffset = (uint)(segment.Address & Page.OffsetMask);
        s->Header.LengthBytes += segment.Length;
        s->PlannedEnd = segment.End;
        s->PlannedSlots += CountedWord.SlotsOf(segment.Address >> Page.Shift, PagesOf(segment));
    }

    public readonly bool TryAllocate(out Refusal refusal)
    {
        refusal = _state->Unrepresentable
            ? new Refusal(Order8CountedList<TChain>.Name, RefusalReason.DmaNotRepresentable,
                $"DMA segment boundary at 0x{_state->UnalignedBoundary:x} is inside a page; order8 blocks are whole pages")
            : Refusal.None;
        return !_state->Unrepresentable;
    }

    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        s->Segments++;
        if (_identity)
            return;
        ulong word = CountedWord.Encode(segment.Address >> Page.Shift, PagesOf(segment), segment.BusAddress, out uint count, out int slots);
        uint* slot = s->Slots.Take(slots, s->PlannedSlots - s->SlotCount, _allocator, ref s->Tally);
        *(ulong*)slot = word;
        if (slots == 3)
            slot[2] = count;
        s->SlotCount += slots;
        s->Header.Nents++;
        s->Header.First = (ulong*)s->Slots.First;
    }

    static ulong PagesOf(in DmaSegment segment) =>
        Page.PagesSpanned((uint)(segment.Address & Page.OffsetMask), segment.Length);

    public void Complete() { }

    /// <summary>Segments, whether stored or described by the input itself.</summary>
    public readonly long Entries => _state->Segments;

    public readonly Footprint Footprint => _identity
        ? new Footprint(Entries, 0, 0, 0, 0, 0)
        : _state->Tally.Footprint(Entries, _state->SlotCount * sizeof(uint), sizeof(Order8Header));

    public readonly RangeCursor Start() => _identity
        ? _source.StartRanges()
        : new() { Entry = (byte*)_state->Header.First, ChunkEnd = _state->Slots.FirstEnd, Remaining = _state->Header.Nents };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (_identity)
        {
            bool more = _source.NextRange(ref cursor, out LogicalRange range);
            segment = IdentityDma.Segment(range);
            return more;
        }
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        ulong word = CountedSlots<TChain>.Read(ref cursor, out uint count);
        ulong start = CountedWord.Address(word);
        ulong length = _state->Header.Clip(ref start, CountedWord.Bytes(word, count), cursor.Position);
        cursor.Position += length;
        segment = new DmaSegment(start, length, CountedWord.IsP2P(word));
        return true;
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        s->Slots.Free(_allocator, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
