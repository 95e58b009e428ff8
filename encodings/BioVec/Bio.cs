using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// The part of <c>struct bio</c> (include/linux/blk_types.h) a bvec chain needs:
/// <c>bi_next</c>, <c>bi_io_vec</c>, <c>bi_vcnt</c>, <c>bi_max_vecs</c>, <c>bi_iter.bi_size</c>, and the gaps between its
/// bvecs (the kernel keeps their lowest set bit, <c>bi_bvec_gap_bit</c>, from <c>bio_split_io_at</c>) = 32 B.
/// The kernel's struct bio is several times larger, so biovec footprints here are a lower bound.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public unsafe struct Bio
{
    [FieldOffset(0)] public Bio* Next;
    [FieldOffset(8)] public BioVec* Vecs;
    [FieldOffset(16)] public ushort Vcnt;
    [FieldOffset(18)] public ushort MaxVecs;
    [FieldOffset(20)] public uint Size;
    /// <summary>The interior bvec boundaries' addresses or'ed: aligned to an IOMMU granule when its low bits are clear.</summary>
    [FieldOffset(24)] public ulong GapMask;
}
