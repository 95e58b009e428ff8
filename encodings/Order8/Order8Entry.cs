using System.Numerics;
using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// One 8-byte order-encoded word (Jason Gunthorpe, "Phyr Starter", Jan 2022: "8 bytes per physical chunk").
/// <code>
/// bits 63..12  physical address of a naturally aligned block (4 KiB &lt;&lt; order)
/// bits 11..6   flags: bit 6 P2P, bit 7 EXTENDED (the next word is the run length in bytes), bit 8 CHAIN,
///               bit 9 CONTINUES (second block of a two-block run; DMA lists use it to keep touching segments apart)
/// bits  5..0   order
/// </code>
/// A CHAIN word links to the next chunk, which may be a kmalloc'ed (8-byte aligned) block: it keeps the
/// pointer's bits 63..9 in place and folds bits 8..3 into the order field, leaving bit 8 for the flag.
/// </summary>
public static class Order8Entry
{
    public const ulong OrderMask = 0x3F;
    public const ulong P2PFlag = 1UL << 6;
    public const ulong ExtendedFlag = 1UL << 7;
    public const ulong ChainFlag = 1UL << 8;
    public const ulong ContinuesFlag = 1UL << 9;
    public const ulong AddressMask = ~Page.OffsetMask;

    const ulong ChainHighMask = ~0x1FFUL;

    public static ulong Block(ulong phys, int order, bool p2p) =>
        phys | (p2p ? P2PFlag : 0) | (uint)order;

    public static ulong Extended(ulong phys, bool p2p) =>
        phys | (p2p ? P2PFlag : 0) | ExtendedFlag;

    public static ulong Chain(ulong pointer) =>
        (pointer & ChainHighMask) | ((pointer >> 3) & OrderMask) | ChainFlag;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsChain(ulong word) => (word & ChainFlag) != 0;

    public static bool Continues(ulong word) => (word & ContinuesFlag) != 0;

    public static bool IsExtended(ulong word) => (word & ExtendedFlag) != 0;

    public static bool IsP2P(ulong word) => (word & P2PFlag) != 0;

    public static int Order(ulong word) => (int)(word & OrderMask);

    public static ulong Address(ulong word) => word & AddressMask;

    public static ulong BlockBytes(ulong word) => (ulong)Page.Size << Order(word);

    public static ulong ChainPtr(ulong word) => (word & ChainHighMask) | ((word & OrderMask) << 3);

    /// <summary>Order of the largest naturally aligned block that starts at <paramref name="pfn"/> within <paramref name="pages"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LargestBlockOrder(ulong pfn, ulong pages) =>
        Math.Min(BitOperations.TrailingZeroCount(pfn | (1UL << 63)), BitOperations.Log2(pages));
}
