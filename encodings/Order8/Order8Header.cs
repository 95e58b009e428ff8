using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Order8;

/// <summary>
/// Jason Gunthorpe's <c>phyr_list</c> head (Jan 2022): entries are whole aligned blocks, so the first-byte offset and
/// total length live here. <c>{ u64 *first; u64 length; u32 nents; u32 first_offset; }</c> = 24 B.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
public unsafe struct Order8Header
{
    [FieldOffset(0)] public ulong* First;
    [FieldOffset(8)] public ulong LengthBytes;
    [FieldOffset(16)] public uint Nents;
    [FieldOffset(20)] public uint FirstOffset;

    /// <summary>
    /// A run of whole blocks read at logical byte <paramref name="position"/>, as the list describes it: the first run
    /// starts at the offset, the last is cut by the total length. Returns the run's length in bytes.
    /// </summary>
    public readonly ulong Clip(ref ulong start, ulong length, ulong position)
    {
        if (position == 0)
        {
            start += FirstOffset;
            length -= FirstOffset;
        }
        return Math.Min(length, LengthBytes - position);
    }
}
