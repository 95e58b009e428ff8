using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Internal;

/// <summary>
/// The buffer's bytes as its pages are written out in order, a run (or a page) at a time: the first run starts at the
/// buffer's offset in its first page, the last is cut by the total length. Lives inside its owner's native state.
/// </summary>
internal struct BufferBytes(uint firstOffset, ulong totalBytes)
{
    uint _firstOffset = firstOffset;
    ulong _remaining = totalBytes;

    /// <summary>The bytes of the next <paramref name="pages"/> pages; <paramref name="offset"/> is where they start in the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Take(ulong pages, out uint offset)
    {
        offset = _firstOffset;
        ulong length = Math.Min(_remaining, (pages << Page.Shift) - offset);
        _remaining -= length;
        _firstOffset = 0;
        return length;
    }
}
