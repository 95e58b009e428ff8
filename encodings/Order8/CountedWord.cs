using System.Numerics;
using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// Jason Gunthorpe's counted order encoding ("Re: Phyr Starter", 11 Jan 2022, Message-ID
/// 20220111202159.GO2328285@nvidia.com), the <c>order8@escape=12</c> variant's entry:
/// <code>
/// 51:0   physical address / 4k (pfn)
/// 56:52  order
/// 57     P2P (the suite's use of an unused bit, 61:57)
/// 63:62  mode: 00 natural order pfn (8 bytes), 01 order aligned with length (12 bytes: + u32 "# of order pages"),
///        11 END of a chunk's entries (the suite's use of the mode he left free)
/// </code>
/// His mode 10 (byte-granular, 12 bytes) is not needed: entries here are whole pages, the first offset and total
/// length in the header, as for order8.
/// </summary>
public static class CountedWord
{
    const int OrderShift = 52, ModeShift = 62;
    const ulong PfnMask = (1UL << OrderShift) - 1;
    public const ulong P2PFlag = 1UL << 57;
    public const ulong Counted = 1UL << ModeShift;
    public const ulong End = 3UL << ModeShift;

    /// <summary>The most pages one entry holds: a count of 2^32 − 1 order-0 pages (runs are capped there, for any order).</summary>
    public const ulong MaxPages = uint.MaxValue;

    /// <summary>
    /// The word and count for a run of <paramref name="pages"/> at <paramref name="pfn"/>: one naturally aligned block
    /// (8 bytes) or, at the largest order both the start and the length are multiples of, a count of such blocks (12).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Encode(ulong pfn, ulong pages, bool p2p, out uint count, out int slots)
    {
        if (pages > MaxPages)
            throw new ArgumentOutOfRangeException(nameof(pages), pages, "a counted run holds at most 2^32 - 1 pages");
        int order = Math.Min(BitOperations.TrailingZeroCount(pfn | pages | (1UL << 31)), 31);
        ulong flags = p2p ? P2PFlag : 0;
        ulong word = pfn | (ulong)order << OrderShift | flags;
        if (pages == 1UL << order)
        {
            count = 0;
            slots = 2;
            return word;
        }
        count = (uint)(pages >> order);
        slots = 3;
        return word | Counted;
    }

    /// <summary>Slots (u32) a run takes.</summary>
    public static int SlotsOf(ulong pfn, ulong pages)
    {
        Encode(pfn, pages, false, out _, out int slots);
        return slots;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEnd(ulong word) => (word & End) == End;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCounted(ulong word) => (word & End) == Counted;

    public static bool IsP2P(ulong word) => (word & P2PFlag) != 0;

    public static ulong Address(ulong word) => Page.PhysOf(word & PfnMask);

    /// <summary>Bytes of the entry: its block, or its count of blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bytes(ulong word, uint count)
    {
        int order = (int)(word >> OrderShift) & 0x1F;
        return (IsCounted(word) ? count : 1UL) << (order + Page.Shift);
    }
}
