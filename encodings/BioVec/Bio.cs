using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// The part of <c>struct bio</c> (include/linux/blk_types.h) a bvec chain needs:
/// <c>bi_next</c>, <c>bi_io_vec</c>, <c>bi_vcnt</c>, <c>bi_max_vecs</c>, <c>bi_iter.bi_size</c> = 24 B.
/// The kernel's struct bio is several times larger, so biovec footprints here are a lower bound.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
public unsafe struct Bio
{
    [FieldOffset(0)] public Bio* Next;
    [FieldOffset(8)] public BioVec* Vecs;
    [FieldOffset(16)] public ushort Vcnt;
    [FieldOffset(18)] public ushort MaxVecs;
    [FieldOffset(20)] public uint Size;
}
