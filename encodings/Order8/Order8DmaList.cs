using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// The DMA result of an order8 list is an order8 list (Jason Gunthorpe, "Phyr Starter", Jan 2022: the same 8-byte
/// format describes CPU and DMA chunks).
/// <list type="bullet">
/// <item>Identity mapping (dma-direct, no offset, no limits): the input itself, nothing stored or allocated.</item>
/// <item>Otherwise a new list, one run per segment written as the CPU list writes runs (one block, two blocks, or an
///   EXTENDED pair); the second block of a two-block run carries CONTINUES, so segments that touch (an IOVA range
///   cut at max_segment) stay apart. An IOMMU mapping that coalesces is a one-run list.</item>
/// </list>
/// Entries are whole aligned pages, so the first offset and total length are in the header; a segment boundary inside
/// a page (other than the first start and the last end) cannot be stored and is refused.
/// </summary>
public unsafe struct Order8DmaList<TChain> : IDmaList<Order8DmaList<TChain>, Order8List<TChain>> where TChain : struct, IChainPolicy
{
    struct State
    {
        public WholePagePlan Plan;
        public SlotStore<Order8Format, TChain> Chain;
        public long PlannedWords;
        public long Words;
        public long Segments;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    Order8List<TChain> _source;
    bool _identity;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>An identity mapping is the input itself; a linear IOVA one entry.</summary>
    public static DmaOutputTraits OutputTraits => DmaOutputTraits.IdentityByInput;

    /// <summary>An EXTENDED pair holds a 64-bit length.</summary>
    public static ulong MaxSegmentBytes => ulong.MaxValue;

    public static Order8DmaList<TChain> Create(KernelAllocator allocator, in Order8List<TChain> source, bool identity) => new()
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
            s->PlannedWords += Order8Format.RunWords(segment.Address >> Page.Shift, WholePagePlan.PagesOf(segment), out _, out _, out _);
    }

    public readonly bool TryAllocate(out Refusal refusal) => _state->Plan.TryAllocate(Order8List<TChain>.Name, out refusal);

    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        s->Segments++;
        if (_identity)
            return;
        ulong pfn = segment.Address >> Page.Shift, pages = WholePagePlan.PagesOf(segment);
        s->Plan.Header.Nents += (uint)Order8Format.WriteRun(ref s->Chain, pfn, pages, segment.BusAddress, Order8Entry.ContinuesFlag,
            s->PlannedWords - s->Words, _allocator, ref s->Tally, out int words);
        s->Words += words;
        s->Plan.Header.First = (ulong*)s->Chain.First;
    }

    public void Complete() { }

    /// <summary>Segments (runs), whether stored or described by the input itself.</summary>
    public readonly long Entries => _state->Segments;

    public readonly Footprint Footprint => _identity
        ? new Footprint(Entries, 0, 0, 0, 0, 0)
        : _state->Tally.Footprint(Entries, _state->Words * sizeof(ulong), sizeof(Order8Header));

    public readonly RangeCursor Start() => _identity
        ? _source.StartRanges()
        : new() { Entry = (byte*)_state->Plan.Header.First, Remaining = _state->Plan.Header.Nents };

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
        ulong word = Order8Format.Load<TChain>(ref cursor, out ulong length);
        if (cursor.Remaining != 0 && Order8Entry.Continues(Order8Format.Load<TChain>((ulong*)cursor.Entry, out ulong secondLength, out ulong* after)))
        {
            length += secondLength;
            cursor.Entry = (byte*)after;
            cursor.Remaining--;
        }
        ulong start = Order8Entry.Address(word);
        length = _state->Plan.Header.Clip(ref start, length, cursor.Position);
        cursor.Position += length;
        segment = new DmaSegment(start, length, Order8Entry.IsP2P(word));
        return true;
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        s->Chain.Free(_allocator, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
