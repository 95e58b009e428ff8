using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PhysVec;

/// <summary>
/// What a holder of a phys_vec array keeps beside it, as <c>struct vfio_pci_dma_buf</c> does
/// (drivers/vfio/pci/vfio_pci_dmabuf.c): the array, the provider of every range (a <c>struct p2pdma_provider *</c>,
/// NULL for RAM: P2P is per list, not per entry), the total size and <c>nr_ranges</c>. <c>{ u64 vecs; u64 provider;
/// u64 size; u32 nr_ranges; }</c> = 32 B with its padding.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public unsafe struct PhysVecHeader
{
    [FieldOffset(0)] public PhysVecEntry* Vecs;
    /// <summary>The suite's provider id (0 for RAM) where the kernel keeps a pointer to the provider.</summary>
    [FieldOffset(8)] public ulong Provider;
    [FieldOffset(16)] public ulong Size;
    [FieldOffset(24)] public uint NrRanges;
}
