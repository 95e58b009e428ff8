using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// The decoded entry of jgunthorpe/linux include/linux/rlist.h (<c>struct rlist_entry</c>): a 2-bit type,
/// a 60-bit length, a 64-bit base, a 32-bit offset and 32 bits of extra.
/// </summary>
public readonly record struct RlistEntry(int Type, ulong Length, ulong Base, uint Offset, uint Extra)
{
    /// <summary>rlist_cpu types (include/linux/rlist_cpu.h); FolioPfn is rlist_cpu's internal type 3.</summary>
    public const int TypeFolio = 0;
    public const int TypePhysical = 1;
    public const int TypeFolioPfn = 3;
}

/// <summary>
/// Packing of <see cref="RlistEntry"/> into 4-byte slots (lib/rlist.c, <c>rls_append</c>, <c>rlist_decode</c>).
/// Every entry starts with a header <c>{encoding:2, type:2, length:28}</c> (LSB first):
/// <code>
/// 8 B   hdr | u32 base                                       length &lt; 2^28, base ≤ 0xFFFFFFFF, offset 0, extra 0
/// 16 B  hdr | u32 {length bits 28..35 : 8, offset : 24} | u64 base      length &lt; 2^36, offset &lt; 2^24, extra 0
/// 24 B  hdr | u32 offset | u64 base | u32 length &gt;&gt; 28 | u32 extra     anything else (length &lt; 2^60)
/// </code>
/// Encoding 3 is END_PAD: the rest of the chunk is unused. The prototype stamps END_PAD in the type bits, where it
/// collides with rlist_cpu's type 3; here it is in the encoding bits, as the brief recommends.
/// </summary>
public static unsafe class RlistCodec
{
    public const int Encoding8 = 0;
    public const int Encoding16 = 1;
    public const int Encoding24 = 2;
    public const int EncodingEndPad = 3;

    public const int LengthBits = 28;
    public const ulong MaxLength = (1UL << 60) - 1;
    const uint HeaderLengthMask = (1u << LengthBits) - 1;

    /// <summary>Slots (u32) an entry takes: 2, 4 or 6. The first of 8, 16, 24 bytes that fits, as <c>rls_append</c> tries them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SlotsFor(in RlistEntry e)
    {
        if (e.Length < 1UL << LengthBits && e.Base <= uint.MaxValue && e.Offset == 0 && e.Extra == 0)
            return 2;
        if (e.Length < 1UL << 36 && e.Offset < 1u << 24 && e.Extra == 0)
            return 4;
        return 6;
    }

    public static int EncodingOf(int slots) => slots / 2 - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static uint Header(int encoding, int type, ulong length) =>
        (uint)encoding | (uint)type << 2 | ((uint)length & HeaderLengthMask) << 4;

    /// <summary>Writes <paramref name="e"/> in <paramref name="slots"/> slots (from <see cref="SlotsFor"/>).</summary>
    public static void Write(uint* slot, in RlistEntry e, int slots)
    {
        slot[0] = Header(EncodingOf(slots), e.Type, e.Length);
        switch (slots)
        {
            case 2:
                slot[1] = (uint)e.Base;
                break;
            case 4:
                slot[1] = (uint)(e.Length >> LengthBits) & 0xFF | e.Offset << 8;
                *(ulong*)(slot + 2) = e.Base;
                break;
            default:
                slot[1] = e.Offset;
                *(ulong*)(slot + 2) = e.Base;
                slot[4] = (uint)(e.Length >> LengthBits);
                slot[5] = e.Extra;
                break;
        }
    }

    public static void WriteEndPad(uint* slot) => slot[0] = EncodingEndPad;

    public static bool IsEndPad(uint* slot) => (slot[0] & 3) == EncodingEndPad;

    /// <summary>Decodes the entry at <paramref name="slot"/>; returns the slots it takes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(uint* slot, out RlistEntry e)
    {
        uint hdr = slot[0];
        int type = (int)(hdr >> 2) & 3;
        ulong length = hdr >> 4;
        switch (hdr & 3)
        {
            case Encoding8:
                e = new RlistEntry(type, length, slot[1], 0, 0);
                return 2;
            case Encoding16:
                e = new RlistEntry(type, length | (ulong)(slot[1] & 0xFF) << LengthBits, *(ulong*)(slot + 2), slot[1] >> 8, 0);
                return 4;
            default:
                e = new RlistEntry(type, length | (ulong)slot[4] << LengthBits, *(ulong*)(slot + 2), slot[1], slot[5]);
                return 6;
        }
    }
}
