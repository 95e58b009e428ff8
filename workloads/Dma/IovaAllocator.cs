using System.Numerics;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// Where IOVA ranges are placed, as drivers/iommu/iova.c places them for dma-iommu (<c>iommu_dma_alloc_iova</c>):
/// whole granules; fewer than 32 granules rounded up to a power of two (the rcache classes); every range naturally
/// aligned to the power of two at or above its size (<c>alloc_iova(..., size_aligned = true)</c>); allocated top down
/// from the end of a 48-bit aperture (4-level IO page table).
/// <para>
/// Only placement is modelled, not the rbtree and per-CPU caches: ranges are carved downward and the space is
/// reused once every range is freed, which is the map/unmap pattern of a benchmark and of the tests.
/// </para>
/// </summary>
public sealed class IovaAllocator
{
    public const int ApertureBits = 48;

    /// <summary>IOVA_RANGE_CACHE_MAX_SIZE − 1: sizes below 2^5 granules are rounded to a power of two.</summary>
    const int RoundedBelowGranules = 32;

    ulong _next = 1UL << ApertureBits;

    public IovaAllocator(ulong granule = 4096)
    {
        if (!BitOperations.IsPow2(granule) || granule < 4096)
            throw new ArgumentOutOfRangeException(nameof(granule), granule, "the IOMMU granule is a power of two of at least 4 KiB");
        Granule = granule;
    }

    public ulong Granule { get; }

    /// <summary>Ranges handed out and not yet freed.</summary>
    public int Live { get; private set; }

    /// <summary>Bytes reserved for <paramref name="bytes"/> (whole granules, small sizes rounded to a power of two).</summary>
    public ulong ReservedBytes(ulong bytes)
    {
        ulong granules = (bytes + Granule - 1) / Granule;
        if (granules < RoundedBelowGranules)
            granules = BitOperations.RoundUpToPowerOf2(granules);
        return granules * Granule;
    }

    public ulong Allocate(ulong bytes)
    {
        _next = Carve(_next, bytes);
        Live++;
        return _next;
    }

    /// <summary>Where the allocations to come will be placed: a cursor for <see cref="Peek"/>.</summary>
    public ulong Top => _next;

    /// <summary>
    /// The address <see cref="Allocate"/> would give <paramref name="bytes"/> with the allocator at <paramref name="top"/>,
    /// moving <paramref name="top"/> on; nothing is allocated. A mapping that plans several allocations before it makes
    /// them (the per-range fallback of <c>iova-link</c>) learns their addresses this way.
    /// </summary>
    public ulong Peek(ref ulong top, ulong bytes) => top = Carve(top, bytes);

    ulong Carve(ulong top, ulong bytes)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bytes);
        ulong size = ReservedBytes(bytes);
        ulong align = BitOperations.RoundUpToPowerOf2(size / Granule) * Granule;
        if (size > top || ((top - size) & ~(align - 1)) < Granule)
            throw new InvalidOperationException($"IOVA space exhausted: {bytes} bytes do not fit below 0x{top:x}");
        return (top - size) & ~(align - 1);
    }

    public void Free(ulong iova, ulong bytes)
    {
        if (Live == 0) throw new InvalidOperationException($"IOVA 0x{iova:x} freed, but nothing is allocated");
        if (--Live == 0)
            _next = 1UL << ApertureBits;
    }
}
