using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>
/// DOC: phyr16, a fixed 16-byte physical range list.
/// <para>
/// Origin: Matthew Wilcox's "Phyr Starter" (linux-mm, Jan 2022: <c>struct phyr { phys_addr_t addr; size_t len; }</c>),
/// Logan Gunthorpe's phy_range/dma_range series (2022) and Christoph Hellwig's <c>{phys, u32 len}</c> with flags;
/// today's block-layer <c>struct phys_vec</c> (block/blk-mq-dma.c) is the same 16 bytes.
/// </para>
/// <code>
/// entry   16 B  addr u64 | len u32 | flags u32 (P2P, CHAIN)             (see PhyrEntry)
///         or    addr u64 | len:60 flags:4, a knob                      (see IPhyrLength)
/// header  16 B  first chunk, nents                                       (see Phyr16Header)
/// chunk   the proposals' policy (HeldRun): min(slots needed, 256); 256 = one page, last slot CHAIN
///         → 255 entries per page = 16.06 bytes/entry; or, a knob, one flat kvmalloc array (IChainPolicy)
/// </code>
/// Merge rule: physically contiguous pages of the same pgmap, capped page-aligned at the device's max_segment and at
/// what len holds (4 GiB − 4 KiB in a u32, 2^60 − 4 KiB in 60 bits). Built by the proposals' one policy (<see cref="HeldRun"/>), as order8 is, so
/// the two differ only by entry format. Refuses: a max_segment below one page.
/// Walk: O(1) per entry by count, CHAIN slots followed; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: half the bytes; the DMA result goes to a separate dma_range list.</item>
/// <item>Compared to order8: any alignment in one entry, but twice the bytes for aligned runs.</item>
/// </list>
/// </summary>
public unsafe struct Phyr16List<TLen, TChain> : IRangeList<Phyr16List<TLen, TChain>>
    where TLen : struct, IPhyrLength
    where TChain : struct, IChainPolicy
{
    struct State
    {
        public Phyr16Header Header;
        public SlotStore<Phyr16Format<TLen>, TChain> Chain;
        public HeldRun Run;
        public BufferBytes Bytes;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => Phyr16Family.NameOf(TLen.Bits, TChain.Value);

    public static string Description => $"16-byte {{phys, len, flags}} phyr entries ({TLen.Bits}-bit len) in "
        + (TChain.Flat ? "one flat kvmalloc array" : "get_next_sg chunks") + " (Phyr Starter, 2022)";
    public static int EntryBytes => sizeof(PhyrEntry);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.HonoursMaxSegment;

    /// <summary>Runs merge within the len field and the device's max_segment.</summary>
    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.Within(TLen.MaxLength, parameters);

    public static Phyr16List<TLen, TChain> Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Run = new HeldRun(Math.Min(TLen.MaxLength, parameters.MaxSegment) >> Page.Shift);
        // A flat array is sized before runs are known: an entry a page, the most a page can make.
        state->Chain.FlatSlots = (long)Page.PagesSpanned(parameters.FirstOffset, parameters.TotalLengthBytes);
        state->Bytes = new BufferBytes(parameters.FirstOffset, parameters.TotalLengthBytes);
        return new Phyr16List<TLen, TChain> { _state = state, _allocator = allocator, _windows = parameters.Windows };
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

    /// <summary>A run within the cap is one entry.</summary>
    struct Counter : IRunWriter
    {
        public readonly int Close(ulong pfn, ulong pages, int provider) => 1;
    }

    /// <summary>Writes a closed run as one entry: the first carries the first-page offset, the last is cut by the length.</summary>
    struct Writer(State* state, KernelAllocator allocator) : IRunWriter, INeedsSlots
    {
        public long Needed { get; set; }

        public int Close(ulong pfn, ulong pages, int provider)
        {
            State* s = state;
            var slot = (PhyrEntry*)s->Chain.Take(1, Needed--, allocator, ref s->Tally);
            (ulong length, uint offset) = s->Bytes.Take(pages);
            TLen.Write(slot, Page.PhysOf(pfn) + offset, length, provider != 0 ? PhyrEntry.P2PFlag : 0);
            s->Header.Nents++;
            s->Header.First = (PhyrEntry*)s->Chain.First;
            return 1;
        }
    }

    public readonly long Entries => _state->Header.Nents;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * EntryBytes, sizeof(Phyr16Header));

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
        PhyrEntry* e = TChain.Flat ? (PhyrEntry*)cursor.Entry : Phyr16Format<TLen>.Follow((PhyrEntry*)cursor.Entry);
        range = new LogicalRange(e->Addr, TLen.Length(e), (TLen.Flags(e) & PhyrEntry.P2PFlag) != 0 ? _windows.ProviderOf(e->Addr >> Page.Shift) : 0);
        cursor.Entry = (byte*)(e + 1);
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
        s->Chain.Free(_allocator, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
