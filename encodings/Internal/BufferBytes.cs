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

    /// <summary>
    /// The bytes of the next <paramref name="pages"/> pages, and where they start in the first. A tuple, not an out
    /// parameter: an address-taken local would live on the stack in the per-page build loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (ulong Length, uint Offset) Take(ulong pages)
    {
        uint offset = _firstOffset;
        ulong length = Math.Min(_remaining, (pages << Page.Shift) - offset);
        _remaining -= length;
        _firstOffset = 0;
        return (length, offset);
    }
}
