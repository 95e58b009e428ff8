namespace BenchSuite.Encodings;

/// <summary>
/// The device's limits as a walk applies them when it cuts: a piece ends at the segment boundary, or at the last
/// page-aligned address within max_segment (exactly at max_segment when that is below a page). The block layer's
/// <c>get_max_segment_size</c> cuts exactly at max_segment; the two differ only for a max_segment that is not a page
/// multiple (nvme's 0xffffffff: 4 GiB - 4 KiB here, 4 GiB - 1 there, where the 4 GiB boundary mostly cuts first).
/// </summary>
public readonly record struct DeviceSegmentation(ulong MaxSegment, ulong BoundaryMask)
{
    public static readonly DeviceSegmentation None = new(ulong.MaxValue, ulong.MaxValue);

    /// <summary>Where a segment starting at <paramref name="start"/> must end at the latest, and whether the boundary sets it.</summary>
    public ulong LimitEnd(ulong start, out bool byBoundary)
    {
        ulong maxEnd = MaxSegment > ulong.MaxValue - start ? ulong.MaxValue : start + MaxSegment;
        ulong window = start | BoundaryMask;
        ulong boundaryEnd = window == ulong.MaxValue ? ulong.MaxValue : window + 1;
        byBoundary = boundaryEnd <= maxEnd && boundaryEnd != ulong.MaxValue;
        return Math.Min(maxEnd, boundaryEnd);
    }

    /// <summary>The first piece of <paramref name="length"/> bytes at <paramref name="address"/> that one segment takes.</summary>
    public ulong FirstPiece(ulong address, ulong length)
    {
        ulong limitEnd = LimitEnd(address, out bool byBoundary);
        if (length <= limitEnd - address)
            return length;
        ulong cut = byBoundary ? limitEnd : limitEnd & ~Page.OffsetMask;
        return (cut > address ? cut : limitEnd) - address;
    }

    /// <summary>How many segments the range takes.</summary>
    public long Pieces(ulong address, ulong length)
    {
        long pieces = 0;
        while (length != 0)
        {
            ulong piece = FirstPiece(address, length);
            address += piece;
            length -= piece;
            pieces++;
        }
        return pieces;
    }
}
