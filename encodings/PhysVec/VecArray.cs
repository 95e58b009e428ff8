using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.PhysVec;

/// <summary>
/// One kmalloc'ed array of 16-byte vecs, as phys_vec and dma_vec arrays are held: <c>kcalloc</c> when the count is
/// known (VFIO, vfio_pci_core_feature_dma_buf; a DMA output after its planning pass), or grown with <c>krealloc</c>
/// while it is not, which keeps the object while the request fits what kmalloc rounded it to (mm/slab_common.c,
/// <c>__do_krealloc</c>: <c>ks = ksize(p); if (ks >= new_size) return p</c>) and otherwise allocates, copies and frees.
/// Either way it is one allocation, and it cannot pass KMALLOC_MAX_SIZE: kcalloc does not fall back to vmalloc.
/// Lives inside its owner's native state.
/// </summary>
internal unsafe struct VecArray
{
    /// <summary>The most vecs one kmalloc holds: KMALLOC_MAX_SIZE (4 MiB) / 16 = 262,144.</summary>
    public const long MaxVecs = KernelAllocator.KmallocMaxSize / 16;

    public PhysVecEntry* Vecs;
    /// <summary>Index mask: all ones, except in counting mode where the array is a recycled window.</summary>
    public ulong Mask;
    /// <summary>The bytes last asked for (what Free is told) and what kmalloc rounded them to.</summary>
    long _requested, _rounded;

    /// <summary>Room for <paramref name="count"/> vecs; false past <see cref="MaxVecs"/>, where kmalloc fails.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReserve(long count, long used, KernelAllocator allocator, ref AllocationTally tally) =>
        count * 16 <= _rounded || Grow(count, used, allocator, ref tally);

    [MethodImpl(MethodImplOptions.NoInlining)]
    bool Grow(long count, long used, KernelAllocator allocator, ref AllocationTally tally)
    {
        if (count > MaxVecs)
            return false;
        long bytes = count * 16;
        var vecs = (PhysVecEntry*)allocator.Allocate(AllocationClass.Kmalloc, bytes, ref tally, out long usable);
        ulong mask = usable == bytes ? ulong.MaxValue : (ulong)(usable / 16) - 1;
        if (Vecs != null)
        {
            // A recycled window in counting mode holds nothing worth keeping.
            if (!allocator.Counting)
                Buffer.MemoryCopy(Vecs, vecs, bytes, used * 16);
            allocator.Free(Vecs, AllocationClass.Kmalloc, _requested, ref tally);
        }
        Vecs = vecs;
        Mask = mask;
        _requested = bytes;
        _rounded = KernelAllocator.KmallocSize(bytes);
        return true;
    }

    public void Free(KernelAllocator allocator, ref AllocationTally tally)
    {
        if (allocator.Counting)
            allocator.ReleaseCounted(ref tally);
        else if (Vecs != null)
            allocator.Free(Vecs, AllocationClass.Kmalloc, _requested, ref tally);
        Vecs = null;
    }
}
