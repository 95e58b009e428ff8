using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// DOC: order8, 8-byte order-encoded blocks.
/// <para>
/// Origin: Jason Gunthorpe in "Phyr Starter" (linux-mm, 11 Jan 2022): interior chunks of a VA-contiguous buffer are
/// order-aligned, so an aligned address with the order in its free low bits covers "most common cases using only
/// 8 bytes per physical chunk"; a counted form covers the rest.
/// </para>
/// <code>
/// entry   8 B   address | flags (P2P, EXTENDED, CHAIN) | order            (see Order8Entry)
///         16 B  EXTENDED pair: address word + length in bytes; never split across chunks
/// header  24 B  first chunk, total length, nents, first offset           (see Order8Header)
/// chunk   the proposals' policy (HeldRun): min(slots needed, 512); 512 = one page, last slot CHAIN
///         → 511 words per page = 8.02 bytes/word; or, a knob, one flat kvmalloc array (IChainPolicy)
/// </code>
/// Merge rule: a maximal run of physically contiguous pages of the same pgmap, capped at the device's max_segment, is
/// cut into maximal naturally aligned power-of-two blocks; one or two blocks are stored as such, three or more as one
/// EXTENDED pair. Built by the proposals' one policy (<see cref="HeldRun"/>), as phyr16 is: a run is written when it
/// ends, so a run that continues into the next GUP batch is held open. Entries cover whole pages: the first offset
/// and total length are in the header. Refuses: a max_segment below one page; an interior boundary inside a page
/// (only reachable from range input).
/// Walk: O(1) per word, adjacent blocks of a run merged back into one range; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: a quarter of the bytes per entry; a misaligned run may take two words or a pair.</item>
/// <item>Compared to phyr16: half the bytes when runs are aligned blocks (THP, hugetlb), the same for the pair.</item>
/// </list>
/// </summary>
public unsafe struct Order8List<TChain> : IRangeList<Order8List<TChain>> where TChain : struct, IChainPolicy
{
    struct State
    {
        public Order8Header Header;
        public SlotStore<Order8Format, TChain> Chain;
        public HeldRun Run;
        public long Slots;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => Order8Family.NameOf(16, TChain.Value);

    public static string Description => "8-byte order-encoded blocks (address + order), EXTENDED pairs for long runs; "
        + (TChain.Flat ? "one flat kvmalloc array" : "get_next_sg chunks");
    public static int EntryBytes => sizeof(ulong);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.HonoursMaxSegment;

    /// <summary>Runs merge within the device's max_segment (its run has no length field).</summary>
    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.Within(ulong.MaxValue, parameters);

    public static Order8List<TChain> Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Header.FirstOffset = parameters.FirstOffset;
        state->Header.LengthBytes = parameters.TotalLengthBytes;
        state->Run = new HeldRun(parameters.MaxSegment >> Page.Shift);
        // A flat array is sized before runs are known: a word a page, the most a page can make (a run of k pages is
        // at most two words, and one page is one).
        state->Chain.FlatSlots = (long)Page.PagesSpanned(parameters.FirstOffset, parameters.TotalLengthBytes);
        return new Order8List<TChain> { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        if (_state->Run.MaxPages == 0)
        {
            refusal = Refusal.BelowOnePage(Name);
            return false;
        }
        var writer = new Writer(_state, _allocator);
        _state->Run.Append(pages, leftPages, new Counter(), ref writer);
        refusal = Refusal.None;
        return true;
    }

    struct Counter : IRunWriter
    {
        public readonly int Close(ulong pfn, ulong pages, int provider) => Order8Format.RunWords(pfn, pages, out _, out _, out _);
    }

    struct Writer(State* state, KernelAllocator allocator) : IRunWriter, INeedsSlots
    {
        public long Needed { get; set; }

        public int Close(ulong pfn, ulong pages, int provider)
        {
            State* s = state;
            s->Header.Nents += (uint)Order8Format.WriteRun(ref s->Chain, pfn, pages, provider != 0, 0, Needed,
                allocator, ref s->Tally, out int words);
            s->Header.First = (ulong*)s->Chain.First;
            s->Slots += words;
            Needed -= words;
            return words;
        }
    }

    /// <summary>The longest range a walk yields: the cap the runs were built with.</summary>
    readonly ulong MaxRunBytes => _state->Run.MaxPages << Page.Shift;

    public readonly long Entries => _state->Header.Nents;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, _state->Slots * sizeof(ulong), sizeof(Order8Header));

    public readonly RangeCursor StartRanges() =>
        new() { Entry = (byte*)_state->Header.First, Remaining = _state->Header.Nents };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        ulong word = Order8Format.Load<TChain>((ulong*)cursor.Entry, out ulong length, out ulong* slot);
        long remaining = cursor.Remaining - 1;
        ulong start = Order8Entry.Address(word);
        bool p2p = Order8Entry.IsP2P(word);
        // Blocks of one run are adjacent words; different runs are physically adjacent only where the device's
        // max_segment cut one, so merge while contiguous and within it.
        while (remaining != 0)
        {
            ulong next = Order8Format.Load<TChain>(slot, out ulong nextLength, out ulong* after);
            if (Order8Entry.Address(next) != start + length || Order8Entry.IsP2P(next) != p2p || length + nextLength > MaxRunBytes)
                break;
            length += nextLength;
            slot = after;
            remaining--;
        }
        cursor.Entry = (byte*)slot;
        cursor.Remaining = remaining;

        length = _state->Header.Clip(ref start, length, cursor.Position);
        cursor.Position += length;
        range = new LogicalRange(start, length, p2p ? _windows.ProviderOf(start >> Page.Shift) : 0);
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

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
