using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// <c>struct bio_vec</c> (include/linux/bvec.h). Multi-page: every page from bv_page on is physically contiguous,
/// and bv_offset may exceed a page.
/// <code>
///  0  bv_page    u64  struct page *
///  8  bv_len     u32
/// 12  bv_offset  u32
/// </code>
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct BioVec
{
    [FieldOffset(0)] public ulong BvPage;
    [FieldOffset(8)] public uint BvLen;
    [FieldOffset(12)] public uint BvOffset;

    public readonly ulong Phys => Page.PhysOf(Page.PfnOf(BvPage)) + BvOffset;
}
