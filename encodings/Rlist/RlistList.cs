using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// DOC: rlist, a variable-sized range list in xarray-style chunks.
/// <para>
/// Origin: Jason Gunthorpe's rlist prototype (jgunthorpe/linux, 2023): lib/rlist.c (chunks, packing) and
/// lib/rlist_cpu.c (folio coalescing, the FOLIO_PFN form).
/// </para>
/// <code>
/// entry   8 / 16 / 24 B, 4-byte header {encoding:2, type:2, length:28}    (see RlistCodec)
/// header  8 B   struct rlist: the head chunk pointer
/// chunk   512 B from a dedicated kmem_cache: u64 next + 126 u32 slots; END_PAD closes a partly used chunk
///         full chunk: 63 × 8 B = 8.1 bytes/entry, 31 × 16 B = 16.5, 21 × 24 B = 24.38
/// </code>
/// Merge rule (rlist_cpu): physically contiguous pages of the same pgmap coalesce into one entry, without limit: the
/// device's limits are applied when the DMA list is iterated (struct rlist_dma_segmentation), not when it is built.
/// A RAM run that starts at its folio's head and is whole pages is stored as FOLIO_PFN (folio pfn, pages): 8 B when
/// pfn ≤ 0xFFFFFFFF and pages &lt; 2^28, else 16 B. Any other RAM run stores the folio pointer and byte offset
/// (16 B if offset &lt; 16 MiB and length &lt; 64 GiB, else 24 B). P2P runs are PHYSICAL entries with the provider id in
/// extra: 24 B. A run is written when it ends. Refuses a run of 2^60 bytes or more.
/// Walk: O(1) per entry with a decode branch per entry size; chunk change through END_PAD or the chunk end; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: 8 B instead of 32 for a 4 KiB-fragmented RDMA list, at 512-byte granularity.</item>
/// <item>Compared to phyr16: half the bytes for folio runs below 16 TiB, the same or more for misaligned or P2P runs.</item>
/// </list>
/// </summary>
public unsafe struct RlistList : IRangeList<RlistList>
{
    public const int ChunkBytes = RlistChunks.ChunkBytes;
    public const int ChunkSlots = RlistChunks.ChunkSlots;

    struct State
    {
        public RlistChunks Chunks;
        public PinnedPage RunPage;
        public uint RunOffset;
        public ulong RunLength;
        public uint FirstOffset;
        public ulong RemainingBytes;
    }

    State* _state;
    KernelAllocator _allocator;

    public static string Name => "rlist";

    public static string Description => "variable 8/16/24-byte entries in linked 512-byte chunks (jgunthorpe rlist prototype, 2023)";
    public static int EntryBytes => 8;
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.StoresFolios;

    public static RlistList Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->FirstOffset = parameters.FirstOffset;
        state->RemainingBytes = parameters.TotalLengthBytes;
        return new RlistList { _state = state, _allocator = allocator };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        foreach (PinnedPage page in pages)
        {
            ulong bytes = Math.Min(Page.Size - s->FirstOffset, s->RemainingBytes);
            if (s->RunLength != 0 && FollowsRun(s, page))
            {
                s->RunLength += bytes;
            }
            else
            {
                if (s->RunLength != 0 && !TryPushRun(s, out refusal))
                    return false;
                s->RunPage = page;
                s->RunOffset = s->FirstOffset;
                s->RunLength = bytes;
            }
            s->RemainingBytes -= bytes;
            s->FirstOffset = 0;
        }
        if (leftPages == 0)
        {
            if (s->RunLength != 0 && !TryPushRun(s, out refusal))
                return false;
            s->Chunks.End();
        }
        refusal = Refusal.None;
        return true;
    }

    /// <summary>rlist_cpu coalescing: the page continues the run physically, in the same pgmap.</summary>
    static bool FollowsRun(State* s, PinnedPage page) =>
        page.Provider == s->RunPage.Provider
        && page.Phys == s->RunPage.Phys + s->RunOffset + s->RunLength;

    bool TryPushRun(State* s, out Refusal refusal)
    {
        if (s->RunLength > RlistCodec.MaxLength)
        {
            refusal = new Refusal(Name, RefusalReason.FieldOverflow, $"a run of {s->RunLength} bytes exceeds the 60-bit length");
            return false;
        }
        s->Chunks.Append(EntryFor(s->RunPage, s->RunOffset, s->RunLength), _allocator);
        s->RunLength = 0;
        refusal = Refusal.None;
        return true;
    }

    /// <summary>The entry rlist_cpu stores for a run (rlscpu_encode_entry).</summary>
    static RlistEntry EntryFor(PinnedPage first, uint offsetInPage, ulong length)
    {
        if (first.Provider != 0)
            return new RlistEntry(RlistEntry.TypePhysical, length, first.Phys + offsetInPage, 0, (uint)first.Provider);
        ulong folioPfn = first.FolioPfn;
        ulong folioOffset = ((first.Pfn - folioPfn) << Page.Shift) + offsetInPage;
        if (folioOffset == 0 && (length & Page.OffsetMask) == 0)
            return new RlistEntry(RlistEntry.TypeFolioPfn, length >> Page.Shift, folioPfn, 0, 0);
        // A folio is at most 1 GiB (order 18), so its byte offset always fits the 32-bit offset field.
        return new RlistEntry(RlistEntry.TypeFolio, length, Page.PointerOf(folioPfn), (uint)folioOffset, 0);
    }

    public readonly long Entries => _state->Chunks.Entries;

    /// <summary>Header: <c>struct rlist</c>, the head pointer.</summary>
    public readonly Footprint Footprint => _state->Chunks.Tally.Footprint(Entries, _state->Chunks.PayloadBytes, sizeof(ulong));

    public readonly RangeCursor StartRanges() => _state->Chunks.Start();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (!RlistChunks.TryRead(ref cursor, out RlistEntry e))
        {
            range = default;
            return false;
        }
        range = e.Type switch
        {
            RlistEntry.TypeFolioPfn => new LogicalRange(Page.PhysOf(e.Base), e.Length << Page.Shift, 0),
            RlistEntry.TypeFolio => new LogicalRange(Page.PhysOf(Page.PfnOf(e.Base)) + e.Offset, e.Length, 0),
            _ => new LogicalRange(e.Base + e.Offset, e.Length, (int)e.Extra),
        };
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

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
