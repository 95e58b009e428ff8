using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>
/// The DMA result of a phyr16 list: a separate <c>dma_range</c> list in the same 16-byte layout (Logan Gunthorpe's
/// phy_range/dma_range proposal, 2022), the address field holding the DMA address and the P2P flag marking a bus
/// address. Stored as the CPU list is (chunks or one flat array), with the segment count known from the planning pass, so the list
/// is exactly as long as the mapping; header <c>{ first, nents }</c> = 16 B.
/// </summary>
public unsafe struct DmaRangeList<TLen, TChain> : IDmaList<DmaRangeList<TLen, TChain>, Phyr16List<TLen, TChain>>
    where TLen : struct, IPhyrLength
    where TChain : struct, IChainPolicy
{
    struct State
    {
        public SlotStore<Phyr16Format<TLen>, TChain> Chain;
        public long Planned;
        public long Nents;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>What <c>len</c> holds.</summary>
    public static ulong MaxSegmentBytes => TLen.MaxLength;

    public static DmaRangeList<TLen, TChain> Create(KernelAllocator allocator, in Phyr16List<TLen, TChain> source, bool identity) =>
        new() { _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)), _allocator = allocator };

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment) => _state->Planned++;

    public bool TryAllocate(out Refusal refusal)
    {
        refusal = Refusal.None;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        var e = (PhyrEntry*)s->Chain.Take(1, s->Planned - s->Nents, _allocator, ref s->Tally);
        TLen.Write(e, segment.Address, segment.Length, segment.BusAddress ? PhyrEntry.P2PFlag : 0);
        s->Nents++;
    }

    public void Complete() { }

    public readonly long Entries => _state->Nents;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * sizeof(PhyrEntry), sizeof(Phyr16Header));

    public readonly RangeCursor Start() => new() { Entry = _state->Chain.First, Remaining = _state->Nents };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        PhyrEntry* e = TChain.Flat ? (PhyrEntry*)cursor.Entry : Phyr16Format<TLen>.Follow((PhyrEntry*)cursor.Entry);
        segment = new DmaSegment(e->Addr, TLen.Length(e), (TLen.Flags(e) & PhyrEntry.P2PFlag) != 0);
        cursor.Entry = (byte*)(e + 1);
        cursor.Remaining--;
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
