using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// The storage of <c>order8@escape=12</c>: entries of 8 or 12 bytes packed in 4-byte slots, so neither pads the
/// other. Chunks follow the proposals' policy (min(slots still needed, a page), a page from the page allocator, less
/// from kmalloc), with the link in the chunk's first 8 bytes rather than its last slot (an 8-byte link does not fit a
/// 4-byte slot; the overhead per page is the same 8 bytes), and an END word where the next entry does not fit.
/// Or, with <see cref="FlatArray"/>, one kvmalloc'ed array sized for every slot the pages could need.
/// </summary>
internal unsafe struct CountedSlots<TChain> where TChain : struct, IChainPolicy
{
    const int LinkBytes = sizeof(ulong);
    const int SlotsPerPage = (Page.Size - LinkBytes) / sizeof(uint);

    byte* _first;
    uint* _next;
    uint* _end;
    uint* _window;
    long _taken, _capacity;

    /// <summary>The first entry.</summary>
    public readonly uint* First => _first == null ? null : TChain.Flat ? (uint*)_first : (uint*)(_first + LinkBytes);

    /// <summary>A cursor's end of the first chunk (a flat array has no end to follow).</summary>
    public readonly byte* FirstEnd => TChain.Flat ? (byte*)ulong.MaxValue : _first + Page.Size;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint* Take(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        if (TChain.Flat)
            return TakeFlat(slots, needed, allocator, ref tally);
        if (_next != null && _next + slots <= _end)
        {
            uint* slot = _next;
            _next += slots;
            return slot;
        }
        return NewChunk(slots, needed, allocator, ref tally);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    uint* NewChunk(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        int count = (int)Math.Min(Math.Max(needed, slots), SlotsPerPage);
        byte* chunk = count == SlotsPerPage
            ? allocator.Allocate(AllocationClass.Page, Page.Size, ref tally)
            : allocator.Allocate(AllocationClass.Kmalloc, LinkBytes + count * sizeof(uint), ref tally);
        *(ulong*)chunk = 0;
        if (_first == null)
        {
            _first = chunk;
        }
        else
        {
            // Only a full page is chained from: a smaller chunk was sized to everything still needed.
            if (_end - _next >= 2)
                *(ulong*)_next = CountedWord.End;
            *(byte**)((byte*)_end - Page.Size) = chunk;
        }
        _next = (uint*)(chunk + LinkBytes) + slots;
        _end = (uint*)(chunk + LinkBytes) + count;
        return (uint*)(chunk + LinkBytes);
    }

    uint* TakeFlat(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        if (_first == null)
        {
            _first = allocator.Allocate(AllocationClass.Kvmalloc, needed * sizeof(uint), ref tally, out long usable);
            _next = (uint*)_first;
            _window = (uint*)(_first + usable);
            _capacity = needed;
        }
        _taken += slots;
        if (_taken > _capacity)
            throw new InvalidOperationException("a flat array was sized below the slots its builder said it needed");
        if (_next + slots > _window)
            _next = (uint*)_first;   // a counting allocator's scratch window: the slots wrap around it
        uint* slot = _next;
        _next += slots;
        return slot;
    }

    /// <summary>
    /// The entry at the cursor: its word, count (0 for a single block) and the slot after it, moving to the next chunk
    /// at an END word or where no entry fits before the chunk's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ref RangeCursor cursor, out uint count)
    {
        var slot = (uint*)cursor.Entry;
        if ((byte*)(slot + 2) > cursor.ChunkEnd || CountedWord.IsEnd(*(ulong*)slot))
        {
            byte* next = *(byte**)(cursor.ChunkEnd - Page.Size);
            slot = (uint*)(next + LinkBytes);
            cursor.ChunkEnd = next + Page.Size;
        }
        ulong word = *(ulong*)slot;
        bool counted = CountedWord.IsCounted(word);
        count = counted ? slot[2] : 0;
        cursor.Entry = (byte*)(slot + (counted ? 3 : 2));
        cursor.Remaining--;
        return word;
    }

    public void Free(KernelAllocator allocator, ref AllocationTally tally)
    {
        if (allocator.Counting)
        {
            allocator.ReleaseCounted(ref tally);
            this = default;
            return;
        }
        if (TChain.Flat)
        {
            if (_first != null)
                allocator.Free(_first, AllocationClass.Kvmalloc, _capacity * sizeof(uint), ref tally);
            this = default;
            return;
        }
        for (byte* chunk = _first; chunk != null;)
        {
            byte* next = *(byte**)chunk;
            bool full = next != null || (byte*)_end == chunk + Page.Size;
            if (full)
                allocator.Free(chunk, AllocationClass.Page, Page.Size, ref tally);
            else
                allocator.Free(chunk, AllocationClass.Kmalloc, (byte*)_end - chunk, ref tally);
            chunk = next;
        }
        this = default;
    }
}
