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
/// header  40 B  struct rlist_cpu: the list (or page array / bio) union, type, summary flags and length
/// chunk   512 B from a dedicated kmem_cache: u64 next + 126 u32 slots; END_PAD closes a partly used chunk
///         (a knob: 128 B, 30 slots, or a 4 KiB page, 1022 slots; <see cref="IRlistChunkSize"/>)
///         full chunk: 63 × 8 B = 8.1 bytes/entry, 31 × 16 B = 16.5, 21 × 24 B = 24.38
/// </code>
/// Merge rule (rlist_cpu): physically contiguous pages of the same pgmap coalesce into one entry, without limit: the
/// device's limits are applied when the DMA list is iterated (struct rlist_dma_segmentation), not when it is built.
/// A run that starts at its folio's head and is whole pages is stored as FOLIO_PFN (folio pfn, pages): 8 B when
/// pfn ≤ 0xFFFFFFFF and pages &lt; 2^28, else 16 B. Any other run stores the folio pointer and byte offset
/// (16 B if offset &lt; 16 MiB and length &lt; 64 GiB, else 24 B). BAR pages pinned by GUP have struct pages and are
/// folio entries too (8 or 16 B); their provider is looked up from the pfn. A run is written when it ends. Refuses a
/// run of 2^60 bytes or more.
/// Walk: O(1) per entry with a decode branch per entry size; chunk change through END_PAD or the chunk end; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: 8 B instead of 32 for a 4 KiB-fragmented RDMA list, at 512-byte granularity.</item>
/// <item>Compared to phyr16: half the bytes for folio runs below 16 TiB, the same or more for misaligned runs.</item>
/// </list>
/// </summary>
public unsafe struct RlistList<TSize> : IRangeList<RlistList<TSize>> where TSize : struct, IRlistChunkSize
{
    public static int ChunkBytes => TSize.Bytes;
    public static int ChunkSlots => RlistChunks<TSize>.ChunkSlots;

    struct State
    {
        public RlistChunks<TSize> Chunks;
        public PinnedPage RunPage;
        public uint RunOffset;
        public ulong RunLength;
        public uint FirstOffset;
        public ulong RemainingBytes;
        /// <summary><c>RLIST_SUM_HAS_P2PDMA_PAGE</c>: a walk looks BAR pages' providers up only when set.</summary>
        public bool HasP2P;
    }

    State* _state;
    KernelAllocator _allocator;
    P2PWindows _windows;

    /// <summary>
    /// <c>sizeof(struct rlist_cpu)</c> (include/linux/rlist_cpu.h): the union of the page-array, bio and rlist forms
    /// (24 B), the type (4 B, padded to 8) and summary_flags:3 | max_position:61 (8 B) = 40 B, what a holder keeps.
    /// </summary>
    public const int HeaderBytes = 40;

    public static string Name => RlistFamily.NameOf(TSize.Bytes);

    public static string Description => $"variable 8/16/24-byte entries in linked {TSize.Bytes}-byte chunks (jgunthorpe rlist prototype, 2023)";
    public static int EntryBytes => 8;
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.StoresFolios;

    /// <summary>Runs merge without limit: the device's limits apply when the DMA list is iterated (rlist_dma).</summary>
    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.Unlimited;

    public static RlistList<TSize> Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->FirstOffset = parameters.FirstOffset;
        state->RemainingBytes = parameters.TotalLengthBytes;
        return new RlistList<TSize> { _state = state, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        State* s = _state;
        foreach (PinnedPage page in pages)
        {
            // Not BufferBytes: holding its offset in this loop cost rlist's Build 9-20% (measured against this form).
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
            s->HasP2P |= page.Provider != 0;
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

    /// <summary>
    /// The entry rlist_cpu stores for a run (<c>rlscpu_encode_entry</c>). BAR pages pinned by GUP have struct pages
    /// (ZONE_DEVICE), so they are folio entries like RAM (<c>rlscpu_append_folio</c>, which only sets HAS_P2PDMA);
    /// PHYSICAL entries with a provider are for memory without struct pages, which a page list never holds.
    /// </summary>
    static RlistEntry EntryFor(PinnedPage first, uint offsetInPage, ulong length)
    {
        ulong folioPfn = first.FolioPfn;
        ulong folioOffset = ((first.Pfn - folioPfn) << Page.Shift) + offsetInPage;
        if (folioOffset == 0 && (length & Page.OffsetMask) == 0)
            return new RlistEntry(RlistEntry.TypeFolioPfn, length >> Page.Shift, folioPfn, 0, 0);
        // A folio is at most 1 GiB (order 18), so its byte offset always fits the 32-bit offset field.
        return new RlistEntry(RlistEntry.TypeFolio, length, Page.PointerOf(folioPfn), (uint)folioOffset, 0);
    }

    public readonly long Entries => _state->Chunks.Entries;

    /// <summary><c>rlist_cpu_has_p2pdma</c>: a BAR page was appended.</summary>
    public readonly bool HasP2P => _state->HasP2P;

    public readonly Footprint Footprint => _state->Chunks.Tally.Footprint(Entries, _state->Chunks.PayloadBytes, HeaderBytes);

    public readonly RangeCursor StartRanges() => _state->Chunks.Start();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (!RlistChunks<TSize>.TryRead(ref cursor, out RlistEntry e))
        {
            range = default;
            return false;
        }
        ulong phys = e.Type == RlistEntry.TypeFolioPfn ? Page.PhysOf(e.Base) : Page.PhysOf(Page.PfnOf(e.Base)) + e.Offset;
        ulong length = e.Type == RlistEntry.TypeFolioPfn ? e.Length << Page.Shift : e.Length;
        range = new LogicalRange(phys, length, _state->HasP2P ? _windows.ProviderOf(phys >> Page.Shift) : 0);
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
