using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Scatterlist;

/// <summary>
/// The DMA result of a scatterlist: written into the list itself, as <c>dma_map_sgtable</c> does. Segment k goes to
/// the <c>dma_address</c>/<c>dma_length</c> of the k-th entry (<c>__finalise_sg</c> in drivers/iommu/dma-iommu.c,
/// <c>dma_direct_map_sg</c> in kernel/dma/direct.c), bus addresses get <c>SG_DMA_BUS_ADDRESS</c>, <c>nents</c> becomes
/// the segment count and every entry past it gets <c>DMA_MAPPING_ERROR</c> and length 0.
/// Adds no memory. Refuses a mapping with more segments than the table has entries: the kernel never splits an
/// entry, so callers must build within the device's limits (as ib_umem_get passes max_segment).
/// </summary>
public unsafe struct SgDmaInPlace : IDmaList<SgDmaInPlace, SgTable>
{
    /// <summary>include/linux/scatterlist.h.</summary>
    public const uint SgDmaBusAddress = 1u << 0;

    /// <summary>include/linux/dma-mapping.h: <c>(~(dma_addr_t)0)</c>.</summary>
    public const ulong DmaMappingError = ulong.MaxValue;

    struct State
    {
        public Scatterlist* First;
        public Scatterlist* Write;
        public long OrigNents;
        public long Planned;
        public long Nents;
    }

    State* _state;

    public static bool StoresSegments => true;
    public static DmaSegmenting Segmenting => DmaSegmenting.WholeEntries;

    /// <summary>dma_map_sg writes the dma fields of the list's own entries.</summary>
    public static DmaOutputTraits OutputTraits => DmaOutputTraits.InPlace;

    /// <summary><c>dma_length</c> is a u32.</summary>
    public static ulong MaxSegmentBytes => uint.MaxValue;

    public static SgDmaInPlace Create(KernelAllocator allocator, in SgTable source, bool identity)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->First = source.Sgl;
        state->OrigNents = source.Entries;
        return new SgDmaInPlace { _state = state };
    }

    public readonly void UseLimits(DeviceSegmentation limits) { }

    public void Plan(in DmaSegment segment) => _state->Planned++;

    public bool TryAllocate(out Refusal refusal)
    {
        State* s = _state;
        if (s->Planned > s->OrigNents)
        {
            refusal = new Refusal(SgTable.Name, RefusalReason.DmaOutputOverflow,
                $"{s->Planned} DMA segments do not fit in place in {s->OrigNents} entries (the caller must build within the device limits)");
            return false;
        }
        s->Write = s->First;
        s->Nents = 0;
        refusal = Refusal.None;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        Scatterlist* sg = s->Write;
        sg->DmaAddress = segment.Address;
        sg->DmaLength = (uint)segment.Length;
        sg->DmaFlags = segment.BusAddress ? SgDmaBusAddress : 0;
        s->Write = Scatterlist.Next(sg);
        s->Nents++;
    }

    /// <summary>The rest of the table is invalidated, as <c>__finalise_sg</c> leaves it.</summary>
    public void Complete()
    {
        for (Scatterlist* sg = _state->Write; sg != null; sg = Scatterlist.Next(sg))
        {
            sg->DmaAddress = DmaMappingError;
            sg->DmaLength = 0;
            sg->DmaFlags = 0;
        }
    }

    public readonly long Entries => _state->Nents;

    /// <summary>In place: the DMA fields are part of every 32-byte entry already counted with the list.</summary>
    public readonly Footprint Footprint => new(Entries, 0, 0, 0, 0, 0);

    public readonly RangeCursor Start() => new() { Entry = (byte*)_state->First, Remaining = _state->Nents };

    /// <summary><c>for_each_sgtable_dma_sg</c>: the first nents entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Next(ref RangeCursor cursor, out DmaSegment segment)
    {
        if (cursor.Remaining == 0)
        {
            segment = default;
            return false;
        }
        var sg = (Scatterlist*)cursor.Entry;
        segment = new DmaSegment(sg->DmaAddress, sg->DmaLength, (sg->DmaFlags & SgDmaBusAddress) != 0);
        cursor.Entry = (byte*)Scatterlist.Next(sg);
        cursor.Remaining--;
        return true;
    }

    public void Dispose()
    {
        NativeMemory.Free(_state);
        _state = null;
    }
}
