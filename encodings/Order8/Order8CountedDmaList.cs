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
        public WholePagePlan Plan;
        public CountedSlots<TChain> Slots;
        public long PlannedSlots;
        public long SlotCount;
        public long Segments;
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
        if (!_identity && s->Plan.Plan(segment))
            s->PlannedSlots += CountedWord.SlotsOf(segment.Address >> Page.Shift, WholePagePlan.PagesOf(segment));
    }

    public readonly bool TryAllocate(out Refusal refusal) => _state->Plan.TryAllocate(Order8CountedList<TChain>.Name, out refusal);

    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        s->Segments++;
        if (_identity)
            return;
        s->SlotCount += s->Slots.WriteRun(segment.Address >> Page.Shift, WholePagePlan.PagesOf(segment), segment.BusAddress,
            s->PlannedSlots - s->SlotCount, _allocator, ref s->Tally);
        s->Plan.Header.Nents++;
        s->Plan.Header.First = (ulong*)s->Slots.First;
    }

    public void Complete() { }

    /// <summary>Segments, whether stored or described by the input itself.</summary>
    public readonly long Entries => _state->Segments;

    public readonly Footprint Footprint => _identity
        ? new Footprint(Entries, 0, 0, 0, 0, 0)
        : _state->Tally.Footprint(Entries, _state->SlotCount * sizeof(uint), sizeof(Order8Header));

    public readonly RangeCursor Start() => _identity
        ? _source.StartRanges()
        : new() { Entry = (byte*)_state->Plan.Header.First, ChunkEnd = _state->Slots.FirstEnd, Remaining = _state->Plan.Header.Nents };

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
        ulong word = CountedSlots<TChain>.ReadRange(ref cursor, _state->Plan.Header, out ulong start, out ulong length);
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
