using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// The storage half of lib/rlist.c, shared by rlist_cpu and rlist_dma: chunks of <typeparamref name="TSize"/> (the
/// prototype's 512 bytes from a kmem_cache), each a next pointer and four-byte slots (126 in 512 bytes); <c>rls_append</c> packs an entry into the first of 8, 16 or 24 bytes that
/// holds it, and a chunk without room for it is closed with END_PAD and linked to a new one.
/// </summary>
internal unsafe struct RlistChunks<TSize> where TSize : struct, IRlistChunkSize
{
    public static int ChunkBytes => TSize.Bytes;
    public static int ChunkSlots => (TSize.Bytes - sizeof(ulong)) / sizeof(uint);

    public byte* Head;
    byte* _chunk;
    int _index;
    public long Entries;
    public long PayloadBytes;
    public AllocationTally Tally;

    public void Append(in RlistEntry entry, KernelAllocator allocator)
    {
        int slots = RlistCodec.SlotsFor(entry);
        RlistCodec.Write(AllocSlots(slots, allocator), entry, slots);
        Entries++;
        PayloadBytes += slots * sizeof(uint);
    }

    /// <summary><c>rls_append_end</c>: END_PAD after the last entry of a partly used chunk.</summary>
    public void End()
    {
        if (_chunk != null && _index != ChunkSlots)
            RlistCodec.WriteEndPad(Slots(_chunk) + _index);
    }

    /// <summary>rls_alloc_entry: room in this chunk, or END_PAD here and a new chunk linked after it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    uint* AllocSlots(int slots, KernelAllocator allocator)
    {
        if (_chunk == null || _index + slots > ChunkSlots)
            NewChunk(allocator);
        uint* slot = Slots(_chunk) + _index;
        _index += slots;
        return slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NewChunk(KernelAllocator allocator)
    {
        byte* chunk = allocator.Allocate(TSize.Source, ChunkBytes, ref Tally);
        *(byte**)chunk = null;
        if (_chunk == null)
        {
            Head = chunk;
        }
        else
        {
            End();
            *(byte**)_chunk = chunk;
        }
        _chunk = chunk;
        _index = 0;
    }

    static uint* Slots(byte* chunk) => (uint*)(chunk + sizeof(ulong));

    // Inlined: a cursor returned from a call is built in the caller's frame through a pointer, and the walk then keeps
    // it there, loading and storing its entry pointer at every entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly RangeCursor Start() => Head == null
        ? default
        : new RangeCursor { Entry = (byte*)Slots(Head), ChunkEnd = Head + ChunkBytes, Remaining = Entries };

    /// <summary>rls_next: END_PAD or the chunk end moves to the next chunk; a null next ends the list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ref RangeCursor cursor, out RlistEntry entry)
    {
        while (true)
        {
            if (cursor.Entry == null)
            {
                entry = default;
                return false;
            }
            if (cursor.Entry != cursor.ChunkEnd && !RlistCodec.IsEndPad((uint*)cursor.Entry))
                break;
            // The chunk step is inline, not a call taking the cursor by reference: that would pin the cursor in the
            // stack frame and make every entry load and store its pointer there (one load and a few adds here).
            byte* next = *(byte**)(cursor.ChunkEnd - ChunkBytes);
            cursor = next == null
                ? default
                : new RangeCursor { Entry = (byte*)Slots(next), ChunkEnd = next + ChunkBytes };
        }
        cursor.Entry += RlistCodec.Read((uint*)cursor.Entry, out entry) * sizeof(uint);
        return true;
    }

    public void Free(KernelAllocator allocator)
    {
        if (allocator.Counting)
        {
            allocator.ReleaseCounted(ref Tally);
            return;
        }
        for (byte* chunk = Head; chunk != null;)
        {
            byte* next = *(byte**)chunk;
            allocator.Free(chunk, TSize.Source, ChunkBytes, ref Tally);
            chunk = next;
        }
        Head = null;
    }
}
