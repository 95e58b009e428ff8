using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// <c>struct nvme_sgl_desc { __le64 addr; __le32 length; __u8 rsvd[3]; __u8 type; }</c> (include/linux/nvme.h):
/// the descriptor type in the high nibble of the last byte.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct NvmeSglDescriptor
{
    public const byte DataBlock = 0x0 << 4;
    public const byte Segment = 0x2 << 4;
    public const byte LastSegment = 0x3 << 4;

    [FieldOffset(0)] public ulong Addr;
    [FieldOffset(8)] public uint Length;
    [FieldOffset(15)] public byte Type;

    public static NvmeSglDescriptor Data(ulong addr, uint length) => new() { Addr = addr, Length = length, Type = DataBlock };

    public override readonly string ToString() => $"type 0x{Type:x2} addr 0x{Addr:x} len {Length}";
}
