using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PhysVec;

/// <summary>
/// <c>struct phys_vec { phys_addr_t paddr; size_t len; }</c> (include/linux/types.h): 16 B on 64-bit. The block
/// layer's DMA iterator first had it with a u32 len (block/blk-mq-dma.c); it became size_t when it moved to types.h for
/// VFIO's dma-buf export, the same 16 B with the padding used. The same layout serves the DMA output as
/// <c>struct dma_vec { dma_addr_t addr; size_t len; }</c> (include/linux/dmaengine.h).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct PhysVecEntry
{
    [FieldOffset(0)] public ulong Paddr;
    [FieldOffset(8)] public ulong Len;
}
