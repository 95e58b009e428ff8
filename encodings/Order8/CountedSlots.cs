using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// The storage of <c>order8@escape=12</c>: entries of 8 or 12 bytes packed in 4-byte slots, so neither pads the
/// other. Chunks follow the proposals' policy (min(slots still needed, a page), a page from the page allocator, less
/// from kmalloc), a full page's last 8 bytes holding the link (two slots: an 8-byte link does not fit one), and an
/// END word where the next entry does not fit.
/// Or, with <see cref="FlatArray"/>, one kvmalloc'ed array sized for every slot the pages could need.
/// </summary>
internal unsafe struct CountedSlots<TChain> where TChain : struct, IChainPolicy
{
    const int LinkBytes = sizeof(ulong);
    const int EntrySlotsPerPage = (Page.Size - LinkBytes) / sizeof(uint);

    byte* _first;
    byte* _last;
    uint* _next;
    uint* _end;
    uint* _window;
    long _taken, _capacity;

    /// <summary>For a flat array: the slots to size it for, every slot the pages could need (0: what the first take needs).</summary>
    public long FlatSlots;

    public readonly uint* First => (uint*)_first;

    /// <summary>A cursor's end of the first chunk's entries, where its link is (a flat array has no end to follow).</summary>
    public readonly byte* FirstEnd => TChain.Flat ? (byte*)ulong.MaxValue : _first + Page.Size - LinkBytes;

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

    /// <summary>
    /// A chunk for min(slots still needed, a page's worth): a full page keeps its last 8 bytes for the link to the
    /// next (null until one follows), a smaller chunk, sized for everything still needed, has no link. The chunk left
    /// behind gets an END word where the next entry did not fit, if two slots remain for one.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    uint* NewChunk(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        int count = (int)Math.Min(Math.Max(needed, slots), EntrySlotsPerPage);
        byte* chunk;
        if (count == EntrySlotsPerPage)
        {
            chunk = allocator.Allocate(AllocationClass.Page, Page.Size, ref tally);
            *(byte**)(chunk + Page.Size - LinkBytes) = null;
        }
        else
        {
            chunk = allocator.Allocate(AllocationClass.Kmalloc, count * sizeof(uint), ref tally);
        }
        if (_first == null)
        {
            _first = chunk;
        }
        else
        {
            // Only a full page is chained from: a smaller chunk was sized to everything still needed.
            if (_end - _next >= 2)
                *(ulong*)_next = CountedWord.End;
            *(byte**)_end = chunk;
        }
        _last = chunk;
        _next = (uint*)chunk + slots;
        _end = (uint*)chunk + count;
        return (uint*)chunk;
    }

    uint* TakeFlat(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        if (_first == null)
        {
            _capacity = FlatSlots > 0 ? FlatSlots : needed;
            _first = allocator.Allocate(AllocationClass.Kvmalloc, _capacity * sizeof(uint), ref tally, out long usable);
            _next = (uint*)_first;
            _window = (uint*)(_first + usable);
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

    /// <summary>Writes a run as one entry (<see cref="CountedWord.Encode"/>) and returns the slots it took.</summary>
    public int WriteRun(ulong pfn, ulong pages, bool p2p, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        ulong word = CountedWord.Encode(pfn, pages, p2p, out uint count, out int slots);
        uint* slot = Take(slots, needed, allocator, ref tally);
        *(ulong*)slot = word;
        if (slots == 3)
            slot[2] = count;
        return slots;
    }

    /// <summary>
    /// The range of the entry at the cursor, as <paramref name="header"/> describes it (the first starts at the offset,
    /// the last is cut by the total length), stepping past it; returns the entry's word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ReadRange(ref RangeCursor cursor, in Order8Header header, out ulong start, out ulong length)
    {
        ulong word = Read(ref cursor, out uint count);
        start = CountedWord.Address(word);
        length = header.Clip(ref start, CountedWord.Bytes(word, count), cursor.Position);
        cursor.Position += length;
        return word;
    }

    /// <summary>
    /// The entry at the cursor: its word, count (0 for a single block), stepping past it; in chunks, moving to the
    /// next chunk at an END word or where no entry fits before the link.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ref RangeCursor cursor, out uint count)
    {
        var slot = (uint*)cursor.Entry;
        if (!TChain.Flat && ((byte*)(slot + 2) > cursor.ChunkEnd || CountedWord.IsEnd(*(ulong*)slot)))
        {
            byte* next = *(byte**)cursor.ChunkEnd;
            slot = (uint*)next;
            cursor.ChunkEnd = next + Page.Size - LinkBytes;
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
            if (chunk == _last)
            {
                long bytes = (byte*)_end - chunk;
                if (bytes == EntrySlotsPerPage * sizeof(uint))
                    allocator.Free(chunk, AllocationClass.Page, Page.Size, ref tally);
                else
                    allocator.Free(chunk, AllocationClass.Kmalloc, bytes, ref tally);
                break;
            }
            byte* next = *(byte**)(chunk + Page.Size - LinkBytes);
            allocator.Free(chunk, AllocationClass.Page, Page.Size, ref tally);
            chunk = next;
        }
        this = default;
    }
}
