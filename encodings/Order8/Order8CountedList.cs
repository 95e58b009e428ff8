using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// order8 with Jason Gunthorpe's counted form (<c>order8@escape=12</c>; "Re: Phyr Starter", 11 Jan 2022): a run that
/// is one naturally aligned block is an 8-byte word, any other run the word at the largest order its start and length
/// share plus a u32 count of such blocks, 12 bytes (<see cref="CountedWord"/>), where the default order8 stores two
/// blocks or an EXTENDED pair (16 bytes). Entries pack in 4-byte slots (<see cref="CountedSlots{TChain}"/>).
/// Built by the proposals' one policy (<see cref="HeldRun"/>), in slots of 4 bytes: a run still open takes at most
/// 3, a page to come adds at most 2 (a page alone is 2; a run of k pages at most 3). The header is order8's (first offset and total length).
/// </summary>
public unsafe struct Order8CountedList<TChain> : IRangeList<Order8CountedList<TChain>> where TChain : struct, IChainPolicy
{
    const int OpenRunSlots = 3, SlotsPerPageToCome = 2;

    struct State
    {
        public Order8Header Header;
        public CountedSlots<TChain> Slots;
        public HeldRun Run;
        public long SlotCount;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => Order8Family.NameOf(12, TChain.Value);

    public static string Description => "8-byte order-encoded blocks, 12-byte counted runs (Gunthorpe's mode 01); "
        + (TChain.Flat ? "one flat kvmalloc array" : "page chunks");
    public static int EntryBytes => sizeof(ulong);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.HonoursMaxSegment;

    /// <summary>Runs merge within the device's max_segment and a count of 2^32 − 1 pages.</summary>
    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.Within(CountedWord.MaxPages << Page.Shift, parameters);

    public static Order8CountedList<TChain> Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Header.FirstOffset = parameters.FirstOffset;
        state->Header.LengthBytes = parameters.TotalLengthBytes;
        state->Run = new HeldRun(Math.Min(parameters.MaxSegment >> Page.Shift, CountedWord.MaxPages));
        // A flat array is sized before runs are known: two slots a page, the most a page can make.
        state->Slots.FlatSlots = SlotsPerPageToCome * (long)Page.PagesSpanned(parameters.FirstOffset, parameters.TotalLengthBytes);
        return new Order8CountedList<TChain> { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        if (_state->Run.MaxPages == 0)
        {
            refusal = Refusal.BelowOnePage(Name);
            return false;
        }
        var writer = new Writer(_state, _allocator);
        _state->Run.Append(pages, leftPages, new Counter(), ref writer, OpenRunSlots, SlotsPerPageToCome);
        refusal = Refusal.None;
        return true;
    }

    struct Counter : IRunWriter
    {
        public readonly int Close(ulong pfn, ulong pages, int provider) => CountedWord.SlotsOf(pfn, pages);
    }

    struct Writer(State* state, KernelAllocator allocator) : IRunWriter, INeedsSlots
    {
        public long Needed { get; set; }

        public int Close(ulong pfn, ulong pages, int provider)
        {
            State* s = state;
            int slots = s->Slots.WriteRun(pfn, pages, provider != 0, Needed, allocator, ref s->Tally);
            s->Header.Nents++;
            s->Header.First = (ulong*)s->Slots.First;
            s->SlotCount += slots;
            Needed -= slots;
            return slots;
        }
    }

    public readonly long Entries => _state->Header.Nents;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, _state->SlotCount * sizeof(uint), sizeof(Order8Header));

    public readonly RangeCursor StartRanges() =>
        new() { Entry = (byte*)_state->Header.First, ChunkEnd = _state->Slots.FirstEnd, Remaining = _state->Header.Nents };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        ulong word = CountedSlots<TChain>.ReadRange(ref cursor, _state->Header, out ulong start, out ulong length);
        range = new LogicalRange(start, length, CountedWord.IsP2P(word) ? _windows.ProviderOf(start >> Page.Shift) : 0);
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

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
