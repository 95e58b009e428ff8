using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Internal;

/// <summary>
/// The kernel's scatterlist chunk policy, shared by every page-chunked format so their densities differ only by
/// entry size (lib/scatterlist.c, <c>get_next_sg</c> and <c>sg_kmalloc</c>): a new chunk holds
/// min(slots still needed, slots per page); a chunk of exactly one page comes from <c>__get_free_page</c>, a smaller
/// one from kmalloc; the final slot of a chunk is kept for the chain link unless exactly the slots being taken remain.
/// A format whose entries may take two slots (order8's EXTENDED pair) never splits them across chunks: a skipped
/// slot also holds the chain link, so the walk leaves the chunk one slot early.
/// </summary>
internal unsafe struct ChunkChain<TFormat> where TFormat : struct, IChunkFormat
{
    static int SlotsPerPage => Page.Size / TFormat.SlotBytes;

    public byte* First;
    byte* _next;
    byte* _end;
    int _lastChunkSlots;

    /// <summary>Usable (non-link) slots allocated, <c>sg_append_table.total_nents</c>.</summary>
    public long TotalSlots;

    /// <summary>
    /// <paramref name="slots"/> adjacent slots; <paramref name="needed"/> is an upper bound on the slots still to be
    /// taken, these included (<c>get_next_sg</c>'s <c>needed_sges</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Take(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        byte* slot = _next;
        byte* after = slot + slots * TFormat.SlotBytes;
        if (slot != null && (after < _end || (after == _end && needed == slots)))
        {
            _next = after;
            return slot;
        }
        return TakeSlow(slots, needed, allocator, ref tally);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    byte* TakeSlow(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        Debug.Assert(needed >= slots, "needed counts the slots being taken");
        int count = (int)Math.Min(needed, SlotsPerPage);
        byte* chunk = count == SlotsPerPage
            ? allocator.Allocate(AllocationClass.Page, Page.Size, ref tally)
            : allocator.Allocate(AllocationClass.Kmalloc, count * TFormat.SlotBytes, ref tally);
        TFormat.InitChunk(chunk, count);

        if (First == null)
        {
            First = chunk;
            TotalSlots = count;
        }
        else
        {
            // Only a full-page chunk is ever chained from: a smaller one was sized to everything still needed.
            Debug.Assert(_lastChunkSlots == SlotsPerPage, "chained from a chunk that was sized to fit");
            for (byte* s = _next; s < _end; s += TFormat.SlotBytes)
                TFormat.WriteChain(s, chunk);
            TotalSlots += count - 1;
        }
        _lastChunkSlots = count;
        _end = chunk + count * TFormat.SlotBytes;
        _next = chunk + slots * TFormat.SlotBytes;
        return chunk;
    }

    /// <summary>
    /// Frees every chunk, following the links in each full chunk's final slot (<c>__sg_free_table</c>). A counting
    /// allocator's buffers alias, so there the tally is released instead of walking the links.
    /// </summary>
    public void Free(KernelAllocator allocator, ref AllocationTally tally)
    {
        if (allocator.Counting)
        {
            allocator.ReleaseCounted(ref tally);
            this = default;
            return;
        }
        byte* chunk = First;
        while (chunk != null)
        {
            bool last = chunk + _lastChunkSlots * TFormat.SlotBytes == _end;
            byte* next = last ? null : TFormat.ChainTarget(chunk + (SlotsPerPage - 1) * TFormat.SlotBytes);
            int slots = last ? _lastChunkSlots : SlotsPerPage;
            if (slots == SlotsPerPage)
                allocator.Free(chunk, AllocationClass.Page, Page.Size, ref tally);
            else
                allocator.Free(chunk, AllocationClass.Kmalloc, slots * TFormat.SlotBytes, ref tally);
            chunk = next;
        }
        this = default;
    }
}
