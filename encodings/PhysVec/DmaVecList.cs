using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PhysVec;

/// <summary>
/// The DMA result of a physvec list: one kcalloc'ed array of <c>struct dma_vec { dma_addr_t addr; size_t len; }</c>
/// (include/linux/dmaengine.h), exactly as long as the planning pass counted, and whether its addresses are a peer's
/// bus addresses. That is per list, as the list's provider is: <c>pci_p2pdma_map_type</c> is asked once per provider
/// (drivers/dma-buf/dma-buf-mapping.c), so a mapping that mixed bus addresses and IOVA could not be described and is
/// refused. Header <c>{ u64 vecs; u32 nr; u32 bus; }</c> = 16 B.
/// <para>
/// Departure: VFIO's exporter hands an importer an sg_table built from its phys_vecs
/// (<c>dma_buf_phys_vec_to_sgt</c>); the suite keeps the mapping in the phys_vec's own DMA twin, so the encoding is
/// compared by its own shape.
/// </para>
/// </summary>
public unsafe struct DmaVecList : IDmaList<DmaVecList, PhysVecList>
{
    struct State
    {
        public VecArray Array;
        public long Planned;
        public long Written;
        public int BusSegments;
        public bool Bus;
        public AllocationTally Tally;
    }

    const int HeaderBytes = 16;

    State* _state;
    KernelAllocator _allocator;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>size_t len.</summary>
    public static ulong MaxSegmentBytes => ulong.MaxValue;

    public static DmaVecList Create(KernelAllocator allocator, in PhysVecList source, bool identity) =>
        new() { _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)), _allocator = allocator };

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment)
    {
        _state->Planned++;
        if (segment.BusAddress)
            _state->BusSegments++;
    }

    public bool TryAllocate(out Refusal refusal)
    {
        State* s = _state;
        string? why = s->BusSegments != 0 && s->BusSegments != s->Planned
            ? "the mapping mixes bus addresses and IOVA: a dma_vec array marks bus addresses per list, not per entry"
            : !s->Array.TryReserve(s->Planned, 0, _allocator, ref s->Tally)
            ? $"{s->Planned:N0} segments: a kcalloc'ed dma_vec array stops at KMALLOC_MAX_SIZE (4 MiB)"
            : null;
        refusal = why is null ? Refusal.None : new Refusal(PhysVecList.Name, RefusalReason.DmaNotRepresentable, why);
        s->Bus = s->BusSegments != 0;
        return why is null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        PhysVecEntry* v = s->Array.Vecs + ((ulong)s->Written & s->Array.Mask);
        v->Paddr = segment.Address;
        v->Len = segment.Length;
        s->Written++;
    }

    public void Complete() { }

    public readonly long Entries => _state->Written;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * sizeof(PhysVecEntry), HeaderBytes);

    public readonly RangeCursor Start() => new() { Entry = (byte*)_state->Array.Vecs, Remaining = _state->Written };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        var v = (PhysVecEntry*)cursor.Entry;
        segment = new DmaSegment(v->Paddr, v->Len, _state->Bus);
        cursor.Entry = (byte*)(v + 1);
        cursor.Remaining--;
        return true;
    }

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        s->Array.Free(_allocator, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
