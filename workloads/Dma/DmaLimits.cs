using System.Numerics;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// What a device tells the DMA API about the segments it accepts (include/linux/dma-mapping.h,
/// <c>dma_get_max_seg_size</c>, <c>dma_get_seg_boundary</c>): the longest segment, and the power-of-two window no
/// segment may cross. Unlimited by default; the PCI core's defaults are 64 KiB and 4 GiB (drivers/pci/probe.c).
/// </summary>
public readonly record struct DmaLimits
{
    public const ulong Unlimited = ulong.MaxValue;

    public static readonly DmaLimits None = new(Unlimited, Unlimited);

    /// <summary><c>pci_device_add</c>: max_seg 65536, boundary 0xFFFFFFFF.</summary>
    public static readonly DmaLimits PciDefault = new(64 * 1024, 1UL << 32);

    /// <param name="maxSegment">bytes, at least 1; <see cref="Unlimited"/> for none.</param>
    /// <param name="segmentBoundary">window size in bytes (the mask plus one), a power of two of at least 4 KiB; <see cref="Unlimited"/> for none.</param>
    public DmaLimits(ulong maxSegment, ulong segmentBoundary)
    {
        if (maxSegment == 0) throw new ArgumentOutOfRangeException(nameof(maxSegment), "max_segment must be at least one byte");
        if (segmentBoundary != Unlimited && (!BitOperations.IsPow2(segmentBoundary) || segmentBoundary < 4096))
            throw new ArgumentOutOfRangeException(nameof(segmentBoundary), segmentBoundary, "the segment boundary must be a power of two of at least 4 KiB");
        MaxSegment = maxSegment;
        SegmentBoundary = segmentBoundary;
    }

    public ulong MaxSegment { get; }

    public ulong SegmentBoundary { get; }

    /// <summary>The block queue whose limits split the block layer's requests (biovec only).</summary>
    public BlockQueue Queue { get; init; }

    /// <summary><c>dma_get_seg_boundary</c>: the mask, ULONG_MAX when unlimited.</summary>
    public ulong BoundaryMask => SegmentBoundary == Unlimited ? ulong.MaxValue : SegmentBoundary - 1;

    public bool IsUnlimited => MaxSegment == Unlimited && SegmentBoundary == Unlimited && Queue == BlockQueue.None;

    public override string ToString() =>
        $"max_segment {(MaxSegment == Unlimited ? "unlimited" : ByteSize.Format(MaxSegment))}, " +
        $"seg_boundary {(SegmentBoundary == Unlimited ? "unlimited" : ByteSize.Format(SegmentBoundary))}" +
        (Queue == BlockQueue.None ? "" : $", {Queue.ToString().ToLowerInvariant()} queue");
}
