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
/// Merge rule (rlist_cpu): physically contiguous pages of the same pgmap coalesce into one entry, without limit.
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
    public const int ChunkBytes = 512;
    public const int ChunkSlots = (ChunkBytes - sizeof(ulong)) / sizeof(uint);

    struct State
    {
        public byte* Head;
        public byte* Chunk;
        public int Index;
        public long Entries;
        public long PayloadBytes;
        public PinnedPage RunPage;
        public uint RunOffset;
        public ulong RunLength;
        public uint FirstOffset;
        public ulong RemainingBytes;
        public AllocationTally Tally;
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
            if (s->Chunk != null && s->Index != ChunkSlots)
                RlistCodec.WriteEndPad(Slots(s->Chunk) + s->Index);   // rls_append_end
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
        RlistEntry entry = EntryFor(s->RunPage, s->RunOffset, s->RunLength);
        int slots = RlistCodec.SlotsFor(entry);
        RlistCodec.Write(AllocSlots(s, slots), entry, slots);
        s->Entries++;
        s->PayloadBytes += slots * sizeof(uint);
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

    /// <summary>rls_alloc_entry: room in this chunk, or END_PAD here and a new chunk linked after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    uint* AllocSlots(State* s, int slots)
    {
        if (s->Chunk == null || s->Index + slots > ChunkSlots)
            NewChunk(s);
        uint* slot = Slots(s->Chunk) + s->Index;
        s->Index += slots;
        return slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NewChunk(State* s)
    {
        byte* chunk = _allocator.Allocate(AllocationClass.KmemCache, ChunkBytes, ref s->Tally);
        *(byte**)chunk = null;
        if (s->Chunk == null)
        {
            s->Head = chunk;
        }
        else
        {
            if (s->Index != ChunkSlots)
                RlistCodec.WriteEndPad(Slots(s->Chunk) + s->Index);
            *(byte**)s->Chunk = chunk;
        }
        s->Chunk = chunk;
        s->Index = 0;
    }

    static uint* Slots(byte* chunk) => (uint*)(chunk + sizeof(ulong));

    public readonly long Entries => _state->Entries;

    /// <summary>Header: <c>struct rlist</c>, the head pointer.</summary>
    public readonly Footprint Footprint => _state->Tally.Footprint(_state->Entries, _state->PayloadBytes, sizeof(ulong));

    public readonly RangeCursor StartRanges()
    {
        byte* head = _state->Head;
        return head == null
            ? default
            : new RangeCursor { Entry = (byte*)Slots(head), ChunkEnd = head + ChunkBytes, Remaining = _state->Entries };
    }

    /// <summary>rls_next: END_PAD or the chunk end moves to the next chunk; a null next ends the list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Entry == null)
        {
            range = default;
            return false;
        }
        if (cursor.Entry == cursor.ChunkEnd || RlistCodec.IsEndPad((uint*)cursor.Entry))
            return NextChunk(ref cursor, out range);

        cursor.Entry += RlistCodec.Read((uint*)cursor.Entry, out RlistEntry e) * sizeof(uint);
        range = e.Type switch
        {
            RlistEntry.TypeFolioPfn => new LogicalRange(Page.PhysOf(e.Base), e.Length << Page.Shift, 0),
            RlistEntry.TypeFolio => new LogicalRange(Page.PhysOf(Page.PfnOf(e.Base)) + e.Offset, e.Length, 0),
            _ => new LogicalRange(e.Base + e.Offset, e.Length, (int)e.Extra),
        };
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    readonly bool NextChunk(ref RangeCursor cursor, out LogicalRange range)
    {
        byte* next = *(byte**)(cursor.ChunkEnd - ChunkBytes);
        cursor = next == null
            ? default
            : new RangeCursor { Entry = (byte*)Slots(next), ChunkEnd = next + ChunkBytes };
        return NextRange(ref cursor, out range);
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

    public void Dispose()
    {
        State* s = _state;
        if (s == null)
            return;
        if (_allocator.Counting)
        {
            _allocator.ReleaseCounted(ref s->Tally);
        }
        else
        {
            for (byte* chunk = s->Head; chunk != null;)
            {
                byte* next = *(byte**)chunk;
                _allocator.Free(chunk, AllocationClass.KmemCache, ChunkBytes, ref s->Tally);
                chunk = next;
            }
        }
        NativeMemory.Free(s);
        _state = null;
    }
}
