using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// The DMA result of an rlist: <c>struct rlist_dma { struct rlist rlist; struct rlist_cpu *cpu; dma_addr_t base; }</c>
/// = 24 B (jgunthorpe/linux include/linux/rlist_dma.h, lib/rlist_dma.c), entries packed in the same 512-byte chunks.
/// <list type="bullet">
/// <item>Identity mode (dma-direct, no offset, no limits): an empty rlist and the cpu pointer; the DMA addresses
///   are the physical ones, nothing is allocated.</item>
/// <item>IOVA segments are <c>RLIST_DMA_RELATIVE</c> to the window start, so small offsets keep 8-byte entries.</item>
/// <item>Bus addresses are <c>RLIST_DMA_ABSOLUTE</c> with <c>RSIOVA_PRIV_P2P</c> in the extra field (24 bytes), as
///   is any address below the window start.</item>
/// </list>
/// Appended entries are not merged (the prototype's "FIXME This has to combine?"): one entry per segment.
/// </summary>
public unsafe struct RlistDmaList : IDmaList<RlistDmaList, RlistList>
{
    public const int TypeRelative = 0;
    public const int TypeAbsolute = 1;
    public const uint PrivP2P = 1;

    /// <summary><c>sizeof(struct rlist_dma)</c>.</summary>
    public const int HeaderBytes = 24;

    struct State
    {
        public RlistChunks Chunks;
        public ulong Base;
        public bool HasBase;
        public long Segments;
    }

    State* _state;
    KernelAllocator _allocator;
    RlistList _source;
    bool _identity;

    public static bool StoresSegments => true;

    /// <summary>rlist_dma applies the device's segmentation as it is iterated (struct rlist_dma_segmentation), not when it is built.</summary>
    public static bool CutsAtDeviceLimits => true;

    public static ulong MaxSegmentBytes => RlistCodec.MaxLength;

    public static RlistDmaList Create(KernelAllocator allocator, in RlistList source, bool identity) => new()
    {
        _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)),
        _allocator = allocator,
        _source = source,
        _identity = identity,
    };

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
        s->Segments++;
        if (_identity)
            return;
        if (!segment.BusAddress && !s->HasBase)
        {
            s->Base = segment.Address & ~Page.OffsetMask;   // the window start: IOVA runs keep only the in-page offset
            s->HasBase = true;
        }
        RlistEntry entry = segment.BusAddress || !s->HasBase || segment.Address < s->Base
            ? new RlistEntry(TypeAbsolute, segment.Length, segment.Address, 0, segment.BusAddress ? PrivP2P : 0)
            : new RlistEntry(TypeRelative, segment.Length, segment.Address - s->Base, 0, 0);
        s->Chunks.Append(entry, _allocator);
    }

    public void Complete() => _state->Chunks.End();

    public readonly long Entries => _state->Segments;

    public readonly Footprint Footprint => _identity
        ? new Footprint(Entries, 0, 0, 0, 0, 0)
        : _state->Chunks.Tally.Footprint(Entries, _state->Chunks.PayloadBytes, HeaderBytes);

    public readonly RangeCursor Start() => _identity ? _source.StartRanges() : _state->Chunks.Start();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (_identity)
        {
            bool more = _source.NextRange(ref cursor, out LogicalRange range);
            segment = IdentityDma.Segment(range);
            return more;
        }
        if (!RlistChunks.TryRead(ref cursor, out RlistEntry e))
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
