namespace BenchSuite.Encodings.BioVec;

/// <summary>
/// The limits a block queue splits and merges requests at (include/linux/blkdev.h, <c>struct queue_limits</c>):
/// <c>max_sectors</c> as bytes, <c>max_segments</c>, and the segment cut (<c>max_segment_size</c>,
/// <c>seg_boundary_mask</c>). Not modelled: <c>virt_boundary_mask</c> (0 on SGL-capable nvme I/O queues),
/// <c>chunk_sectors</c>, the logical block size (every range here is whole sectors).
/// </summary>
public readonly record struct QueueLimits(ulong MaxBytes, int MaxSegments, DeviceSegmentation Segments)
{
    public static readonly QueueLimits None = new(ulong.MaxValue, int.MaxValue, DeviceSegmentation.None);

    /// <summary>Whether a bio may have to be split or kept from merging.</summary>
    public bool Splits => MaxBytes != ulong.MaxValue || MaxSegments != int.MaxValue;

    public override string ToString() => Splits ? $"max_sectors {MaxBytes / 1024} KiB, max_segments {MaxSegments}" : "no queue limits";
}
