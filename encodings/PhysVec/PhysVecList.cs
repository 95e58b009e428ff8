using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.PhysVec;

/// <summary>
/// DOC: physvec, what mainline merged: an array of <c>struct phys_vec</c>.
/// <para>
/// Origin: the block layer's DMA iterator (block/blk-mq-dma.c, <c>blk_map_iter_next</c>: one phys_vec per merged
/// range; in the block layer since v6.14) and VFIO's dma-buf export (drivers/vfio/pci/vfio_pci_dmabuf.c, v6.19: a
/// kcalloc'ed phys_vec array with one provider for the whole list); phys_vec is in include/linux/types.h since v7.0.
/// </para>
/// <code>
/// entry   16 B  paddr u64 | len u64 (size_t)                              (see PhysVecEntry)
/// header  32 B  vecs, provider, size, nr_ranges                          (see PhysVecHeader)
/// storage one kmalloc'ed array (VecArray): kcalloc at most KMALLOC_MAX_SIZE = 4 MiB, 262,144 vecs; no chaining
/// </code>
/// Merge rule: physically contiguous pages merge into one vec of any length (size_t), capped page-aligned at the
/// device's max_segment as the block iterator caps its vecs (<c>get_max_segment_size</c>). No flags: the provider is
/// the list's, so a list mixing RAM and a BAR, or two BARs, is refused (a dma-buf has one <c>p2pdma_provider</c>;
/// a bio refuses a page of another pgmap in <c>bio_add_page</c>). Refuses also more vecs than kcalloc can hold.
/// Walk: O(1) per entry; seek O(n).
/// <para>
/// Departure: VFIO is told nr_ranges and kcallocs once; a list fed by GUP batches learns its count only at the end,
/// so the array grows with krealloc (a copy each time it outgrows its kmalloc size class) and ends as the same one
/// allocation, rounded as kmalloc rounds it.
/// </para>
/// <list type="bullet">
/// <item>Compared to phyr16: the same 16 bytes, with a 64-bit length where phyr16 has a u32 length and u32 flags.</item>
/// <item>Compared to scatterlist: no chaining, so a list has at most 262,144 ranges (claim C8).</item>
/// </list>
/// </summary>
public unsafe struct PhysVecList : IRangeList<PhysVecList>
{
    struct State
    {
        public PhysVecHeader Header;
        public VecArray Array;
        public HeldRun Run;
        public BufferBytes Bytes;
        public bool FirstWritten;
        public bool MixedProviders;
        public bool TooMany;
        public AllocationTally Tally;
    }

    State* _state;
    KernelAllocator _allocator;

    public static string Name => "physvec";

    public static string Description => "16-byte struct phys_vec {paddr, len} in one kcalloc'ed array, one provider per list (mainline: blk-mq-dma, VFIO dma-buf)";
    public static int EntryBytes => sizeof(PhysVecEntry);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.HonoursMaxSegment;

    /// <summary>Any length within the device's max_segment; one provider; at most what one kmalloc holds.</summary>
    public static RangeRule Rule(in BuildParameters parameters) =>
        RangeRule.Within(ulong.MaxValue, parameters) with { OneProvider = true, MaxRanges = VecArray.MaxVecs };

    public static PhysVecList Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Run = new HeldRun(parameters.MaxSegment >> Page.Shift);
        state->Bytes = new BufferBytes(parameters.FirstOffset, parameters.TotalLengthBytes);
        state->Header.Size = parameters.TotalLengthBytes;
        return new PhysVecList { _state = state, _allocator = allocator };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        if (s->Run.MaxPages == 0)
        {
            refusal = Refusal.BelowOnePage(Name);
            return false;
        }
        var writer = new Writer(s, _allocator);
        s->Run.Walk(pages, leftPages == 0, ref writer);
        refusal = s->MixedProviders
            ? new Refusal(Name, RefusalReason.MixedProviders, "the pages belong to more than one provider (RAM and a BAR, or two BARs): a phys_vec list has one p2pdma_provider, no flag per entry")
            : s->TooMany
            ? new Refusal(Name, RefusalReason.FieldOverflow, $"more than {VecArray.MaxVecs:N0} ranges: a kcalloc'ed phys_vec array stops at KMALLOC_MAX_SIZE (4 MiB) and is not chained")
            : Refusal.None;
        return refusal.Reason == RefusalReason.None;
    }

    /// <summary>Writes a closed run as one vec: the first carries the first-page offset, the last is cut by the length.</summary>
    struct Writer(State* state, KernelAllocator allocator) : IRunWriter
    {
        public int Close(ulong pfn, ulong pages, int provider)
        {
            State* s = state;
            if (!s->FirstWritten)
                (s->Header.Provider, s->FirstWritten) = ((ulong)provider, true);
            else if ((ulong)provider != s->Header.Provider)
                s->MixedProviders = true;
            long n = s->Header.NrRanges;
            if (!s->Array.TryReserve(n + 1, n, allocator, ref s->Tally))
            {
                s->TooMany = true;
                return 0;
            }
            s->Header.Vecs = s->Array.Vecs;
            PhysVecEntry* v = s->Array.Vecs + ((ulong)n & s->Array.Mask);
            (ulong length, uint offset) = s->Bytes.Take(pages);
            v->Paddr = Page.PhysOf(pfn) + offset;
            v->Len = length;
            s->Header.NrRanges++;
            return 1;
        }
    }

    public readonly long Entries => _state->Header.NrRanges;

    public readonly Footprint Footprint => _state->Tally.Footprint(Entries, Entries * EntryBytes, sizeof(PhysVecHeader));

    public readonly RangeCursor StartRanges() =>
        new() { Entry = (byte*)_state->Header.Vecs, Remaining = _state->Header.NrRanges };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        var v = (PhysVecEntry*)cursor.Entry;
        range = new LogicalRange(v->Paddr, v->Len, (int)_state->Header.Provider);
        cursor.Entry = (byte*)(v + 1);
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
        s->Array.Free(_allocator, ref s->Tally);
        NativeMemory.Free(s);
        _state = null;
    }
}
