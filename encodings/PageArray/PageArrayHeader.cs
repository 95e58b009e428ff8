using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PageArray;

/// <summary>
/// What a holder of a GUP page array keeps beside it (as <c>struct vfio_dma</c> or an old <c>ib_umem</c> did):
/// <c>{ struct page **pages; u32 npages; u32 offset; u64 length; }</c> = 24 B.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
public unsafe struct PageArrayHeader
{
    [FieldOffset(0)] public ulong* Pages;
    [FieldOffset(8)] public uint NrPages;
    [FieldOffset(12)] public uint FirstOffset;
    [FieldOffset(16)] public ulong LengthBytes;
}
