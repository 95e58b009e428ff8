namespace BenchSuite.Encodings;

/// <summary>
/// What every build is given besides the pages: where the data starts in the first page, how many bytes
/// there are, the device's <c>max_segment</c> (entries are built within it, as <c>ib_umem_get</c> passes
/// <c>dma_get_max_seg_size</c> to the scatterlist's builder; see <see cref="RangeListTraits.HonoursMaxSegment"/>),
/// and the P2P windows for encodings that look providers up.
/// </summary>
public readonly record struct BuildParameters
{
    /// <summary>
    /// No device limit. Each builder caps runs at its own length field as well: the scatterlist at <c>UINT_MAX</c>
    /// (what callers pass since SCATTERLIST_MAX_SEGMENT was removed), phyr16 at its u32 len.
    /// </summary>
    public const ulong UnlimitedMaxSegment = ulong.MaxValue;

    public BuildParameters(uint firstOffset, ulong totalLengthBytes, ulong maxSegment = UnlimitedMaxSegment, P2PWindows? windows = null)
    {
        if (firstOffset >= Page.Size) throw new ArgumentOutOfRangeException(nameof(firstOffset), firstOffset, "first offset must be below the page size");
        if (totalLengthBytes == 0) throw new ArgumentOutOfRangeException(nameof(totalLengthBytes), "total length must be at least one byte");
        FirstOffset = firstOffset;
        TotalLengthBytes = totalLengthBytes;
        MaxSegment = maxSegment;
        Windows = windows ?? P2PWindows.None;
    }

    public uint FirstOffset { get; }
    public ulong TotalLengthBytes { get; }
    public ulong MaxSegment { get; }
    public P2PWindows Windows { get; }

    /// <summary>Pages GUP pins for this buffer.</summary>
    public ulong Pages => Page.PagesSpanned(FirstOffset, TotalLengthBytes);
}
