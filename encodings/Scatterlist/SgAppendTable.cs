using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Scatterlist;

/// <summary>
/// <c>struct sg_append_table</c> (include/linux/scatterlist.h): the header a scatterlist built by appending keeps.
/// <code>
///  0  sgt.sgl          u64  first array
///  8  sgt.nents        u32  DMA segments after mapping
/// 12  sgt.orig_nents   u32  CPU entries
/// 16  prv              u64  last populated entry
/// 24  total_nents      u32  usable slots allocated
/// 28  (padding)
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public unsafe struct SgAppendTable
{
    [FieldOffset(0)] public Scatterlist* Sgl;
    [FieldOffset(8)] public uint Nents;
    [FieldOffset(12)] public uint OrigNents;
    [FieldOffset(16)] public Scatterlist* Prv;
    [FieldOffset(24)] public uint TotalNents;
}
