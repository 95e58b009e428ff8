using System.Numerics;
using System.Runtime.CompilerServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// The first walk of an RDMA memory registration: the largest HW page size that can describe the DMA segments,
/// <c>ib_umem_find_best_pgsz</c> (drivers/infiniband/core/umem.c) folded over the segments as they come.
/// <list type="number">
/// <item>Sizes that already cover the whole VA span cap the answer (<c>GENMASK(63, bits_per((len − 1 + virt) ^ virt))</c>).</item>
/// <item>Each run of DMA-contiguous segments must start at an address congruent to its VA, and every run but the first
///   must start at an aligned VA (<c>mask |= (dma ^ va)</c>, <c>mask |= va</c>).</item>
/// <item>The answer is the largest supported size not above the lowest set bit of the mask.</item>
/// </list>
/// Segments carry the first offset in their address, so <c>dma_addr + pgoff</c> of the kernel is the first segment's address.
/// </summary>
public struct MrPageSize : IDmaSink
{
    /// <summary>A typical RDMA NIC's page sizes: 4 KiB, 64 KiB, 2 MiB, 1 GiB.</summary>
    public const ulong DefaultPageSizes = (1UL << 12) | (1UL << 16) | (1UL << 21) | (1UL << 30);

    readonly ulong _pageSizes;
    ulong _mask;
    ulong _va;
    ulong _runEnd;
    bool _started;

    /// <param name="virt">the MR's virtual address (the user buffer's first byte)</param>
    public MrPageSize(ulong virt, ulong length, ulong pageSizes = DefaultPageSizes)
    {
        _pageSizes = pageSizes;
        _va = virt;
        int bitsPer = BitsPer((length - 1 + virt) ^ virt);
        _mask = bitsPer >= 64 ? 0 : pageSizes & (ulong.MaxValue << bitsPer);
    }

    /// <summary>include/linux/log2.h <c>bits_per</c>: 1 for 0 and 1, else ilog2(n) + 1.</summary>
    static int BitsPer(ulong n) => n <= 1 ? 1 : BitOperations.Log2(n) + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        if (!_started || segment.Address != _runEnd)
        {
            _mask |= segment.Address ^ _va;
            if (_started)
                _mask |= _va;
        }
        _started = true;
        _runEnd = segment.End;
        _va += segment.Length;
    }

    /// <summary>The page size to use, or 0 when none of the supported sizes works.</summary>
    public readonly ulong Result
    {
        get
        {
            ulong sizes = _pageSizes;
            if (_mask != 0)
            {
                int low = BitOperations.TrailingZeroCount(_mask);
                sizes &= low >= 63 ? ulong.MaxValue : (2UL << low) - 1;
            }
            return sizes == 0 ? 0 : 1UL << BitOperations.Log2(sizes);
        }
    }
}
