using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

internal unsafe struct Order8Format : IChunkFormat
{
    /// <summary>
    /// Words a run of <paramref name="pages"/> pages at <paramref name="pfn"/> takes: one block, two blocks, or an
    /// EXTENDED pair when that would take more than two blocks.
    /// </summary>
    public static int RunWords(ulong pfn, ulong pages, out int first, out int second, out bool extended)
    {
        first = Order8Entry.LargestBlockOrder(pfn, pages);
        ulong rest = pages - (1UL << first);
        second = rest == 0 ? -1 : Order8Entry.LargestBlockOrder(pfn + (1UL << first), rest);
        extended = rest != 0 && rest != 1UL << second;
        return rest == 0 ? 1 : 2;
    }

    /// <summary>
    /// Writes a run into <paramref name="chain"/> and returns the entries it made (a pair is one entry), with the
    /// <paramref name="words"/> it took. <paramref name="secondFlags"/> is or'ed into the second block of a two-block run.
    /// </summary>
    public static int WriteRun<TChain>(ref SlotStore<Order8Format, TChain> chain, ulong pfn, ulong pages, bool p2p, ulong secondFlags,
        long needed, KernelAllocator allocator, ref AllocationTally tally, out int words) where TChain : struct, IChainPolicy
    {
        words = RunWords(pfn, pages, out int first, out int second, out bool extended);
        var slot = (ulong*)chain.Take(extended ? 2 : 1, needed, allocator, ref tally);
        if (extended)
        {
            slot[0] = Order8Entry.Extended(Page.PhysOf(pfn), p2p);
            slot[1] = pages << Page.Shift;
            return 1;
        }
        slot[0] = Order8Entry.Block(Page.PhysOf(pfn), first, p2p);
        if (second < 0)
            return 1;
        slot = (ulong*)chain.Take(1, needed - 1, allocator, ref tally);
        slot[0] = Order8Entry.Block(Page.PhysOf(pfn + (1UL << first)), second, p2p) | secondFlags;
        return 2;
    }

    public static int SlotBytes => sizeof(ulong);

    public static void InitChunk(byte* chunk, int slots) { }

    public static void WriteChain(byte* slot, byte* next) => *(ulong*)slot = Order8Entry.Chain((ulong)next);

    public static byte* ChainTarget(byte* slot) => (byte*)Order8Entry.ChainPtr(*(ulong*)slot);

    /// <summary>Reads the entry word at the cursor (following a CHAIN word), its length, and steps past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load<TChain>(ref RangeCursor cursor, out ulong length) where TChain : struct, IChainPolicy
    {
        ulong word = Load<TChain>((ulong*)cursor.Entry, out length, out ulong* next);
        cursor.Entry = (byte*)next;
        cursor.Remaining--;
        return word;
    }

    /// <summary>
    /// Reads the entry word at <paramref name="slot"/> (following a CHAIN word) and its length; <paramref name="next"/>
    /// is the slot after it. Walks that look ahead use this on a plain pointer: peeking with a copy of the whole
    /// cursor kept it in memory, and reloading it after the copy's wide store stalled the loop (a profile showed two
    /// thirds of order8's Iterate there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Load<TChain>(ulong* slot, out ulong length, out ulong* next) where TChain : struct, IChainPolicy
    {
        // A flat array has no CHAIN words: its walk is compiled without the test.
        if (!TChain.Flat && Order8Entry.IsChain(*slot))
            slot = (ulong*)Order8Entry.ChainPtr(*slot);
        ulong word = slot[0];
        bool extended = Order8Entry.IsExtended(word);
        length = extended ? slot[1] : Order8Entry.BlockBytes(word);
        next = slot + (extended ? 2 : 1);
        return word;
    }
}
