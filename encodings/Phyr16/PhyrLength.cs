using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>
/// phyr16's length field, a design knob (<see cref="Phyr16Family"/>): the u32 len built here since the 2022 threads
/// (Christoph Hellwig's <c>{phys, u32 len}</c> with a u32 of flags), or "a 64 bit address and ~60 bit length + ~4 bits
/// of flags" as Jason Gunthorpe weighed it: the second word a 60-bit length under 4 flag bits. A policy type, so each
/// layout's walk is compiled for it. Either way the entry is 16 bytes; flags are P2P and CHAIN.
/// </summary>
public unsafe interface IPhyrLength
{
    /// <summary>The longest page-aligned length the field holds.</summary>
    static abstract ulong MaxLength { get; }

    /// <summary>Bits of the length field, for the variant's name.</summary>
    static abstract int Bits { get; }

    static abstract void Write(PhyrEntry* entry, ulong addr, ulong length, uint flags);

    static abstract ulong Length(PhyrEntry* entry);

    static abstract uint Flags(PhyrEntry* entry);
}

/// <summary><c>len u32 | flags u32</c>: 4 GiB − 4 KiB at most.</summary>
public unsafe struct Len32 : IPhyrLength
{
    public static ulong MaxLength => uint.MaxValue & ~Page.OffsetMask;
    public static int Bits => 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PhyrEntry* entry, ulong addr, ulong length, uint flags) =>
        *entry = new PhyrEntry { Addr = addr, Len = (uint)length, Flags = flags };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Length(PhyrEntry* entry) => entry->Len;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Flags(PhyrEntry* entry) => entry->Flags;
}

/// <summary><c>len:60 | flags:4</c> in one u64: 2^60 − 4 KiB at most, so any pinned run is one entry.</summary>
public unsafe struct Len60 : IPhyrLength
{
    const int FlagShift = 60;
    const ulong LengthMask = (1UL << FlagShift) - 1;

    public static ulong MaxLength => LengthMask & ~Page.OffsetMask;
    public static int Bits => 60;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(PhyrEntry* entry, ulong addr, ulong length, uint flags) =>
        *entry = new PhyrEntry { Addr = addr, Word = length | (ulong)flags << FlagShift };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Length(PhyrEntry* entry) => entry->Word & LengthMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Flags(PhyrEntry* entry) => (uint)(entry->Word >> FlagShift);
}
