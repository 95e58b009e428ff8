namespace BenchSuite.Encodings.Internal;

/// <summary>An entry format that stores one physically contiguous segment per slot (scatterlist, phyr16).</summary>
internal unsafe interface ISegmentFormat : IChunkFormat
{
    /// <summary>Writes a new segment starting <paramref name="offset"/> bytes into <paramref name="page"/> (<c>sg_set_page</c>).</summary>
    static abstract void SetSegment(byte* slot, PinnedPage page, uint offset, uint length);

    static abstract uint Length(byte* slot);

    static abstract void SetLength(byte* slot, uint length);

    /// <summary>Marks the last segment where the format has an end marker (<c>sg_mark_end</c>).</summary>
    static abstract void MarkEnd(byte* slot);
}
