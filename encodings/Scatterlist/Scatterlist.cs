using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Scatterlist;

/// <summary>
/// <c>struct scatterlist</c> on x86-64 with NEED_SG_DMA_LENGTH and NEED_SG_DMA_FLAGS (include/linux/scatterlist.h).
/// <code>
///  0  page_link    u64  struct page * | SG_CHAIN (bit 0) | SG_END (bit 1); a chain slot holds the next array
///  8  offset       u32  byte offset into the page (only the first entry of a table has one)
/// 12  length       u32
/// 16  dma_address  u64  written in place by dma_map_sg for the first nents entries
/// 24  dma_length   u32
/// 28  dma_flags    u32  SG_DMA_BUS_ADDRESS, SG_DMA_SWIOTLB
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public struct Scatterlist
{
    public const ulong SgChain = 0x01;
    public const ulong SgEnd = 0x02;
    public const ulong SgPageLinkMask = SgChain | SgEnd;

    [FieldOffset(0)] public ulong PageLink;
    [FieldOffset(8)] public uint Offset;
    [FieldOffset(12)] public uint Length;
    [FieldOffset(16)] public ulong DmaAddress;
    [FieldOffset(24)] public uint DmaLength;
    [FieldOffset(28)] public uint DmaFlags;

    public readonly bool IsChain
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (PageLink & SgChain) != 0;
    }

    public readonly bool IsLast
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (PageLink & SgEnd) != 0;
    }

    /// <summary><c>sg_page</c>: the page pointer without the flag bits.</summary>
    public readonly ulong PagePointer => PageLink & ~SgPageLinkMask;

    /// <summary><c>sg_chain_ptr</c>.</summary>
    public readonly unsafe Scatterlist* ChainPtr => (Scatterlist*)(PageLink & ~SgPageLinkMask);

    /// <summary><c>sg_phys</c>: physical address of the first byte.</summary>
    public readonly ulong Phys
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Page.PhysOf(Page.PfnOf(PagePointer)) + Offset;
    }

    /// <summary><c>sg_set_page</c>: keeps the CHAIN/END bits already in the slot.</summary>
    public void SetPage(ulong pagePointer, uint length, uint offset)
    {
        PageLink = pagePointer | (PageLink & SgPageLinkMask);
        Offset = offset;
        Length = length;
    }

    /// <summary><c>sg_mark_end</c>.</summary>
    public void MarkEnd() => PageLink = (PageLink | SgEnd) & ~SgChain;

    /// <summary><c>__sg_chain</c>: offset and length cleared, END cleared.</summary>
    public unsafe void Chain(Scatterlist* next)
    {
        Offset = 0;
        Length = 0;
        PageLink = ((ulong)next | SgChain) & ~SgEnd;
    }

    /// <summary><c>sg_next</c>: null after the END entry; chain slots are followed, never returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Scatterlist* Next(Scatterlist* sg)
    {
        if (sg->IsLast)
            return null;
        sg++;
        if (sg->IsChain)
            sg = sg->ChainPtr;
        return sg;
    }
}
