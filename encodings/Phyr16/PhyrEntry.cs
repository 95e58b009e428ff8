using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>
/// One 16-byte phyr / dma_range entry (Logan Gunthorpe's phy_range proposal, 2022; Christoph Hellwig's
/// <c>{phys, u32 len}</c> with flag space). The second word's layout is a knob (<see cref="IPhyrLength"/>).
/// <code>
///  0  addr   u64  physical (or, for a DMA list, bus/IOVA) address of the first byte; a CHAIN slot holds the next chunk
///  8  len    u32                     | or: len:60 | flags:4 in one u64 (Len60)
/// 12  flags  u32  bit 0 P2P (provider looked up from the address), bit 1 CHAIN
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct PhyrEntry
{
    public const uint P2PFlag = 1u << 0;
    public const uint ChainFlag = 1u << 1;

    [FieldOffset(0)] public ulong Addr;
    [FieldOffset(8)] public uint Len;
    [FieldOffset(12)] public uint Flags;
    /// <summary>The second word whole, as <see cref="Len60"/> lays it out.</summary>
    [FieldOffset(8)] public ulong Word;

    public readonly unsafe PhyrEntry* ChainPtr => (PhyrEntry*)Addr;
}
