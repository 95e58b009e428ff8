using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>The list head a phyr16 list keeps: first chunk and entry count. <c>{ u64 first; u32 nents; }</c> = 16 B.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public unsafe struct Phyr16Header
{
    [FieldOffset(0)] public PhyrEntry* First;
    [FieldOffset(8)] public uint Nents;
}
