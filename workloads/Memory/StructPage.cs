using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Memory;

/// <summary>
/// x86-64 <c>struct page</c> (include/linux/mm_types.h, v6.12, CONFIG_MEMCG): 64 bytes. Only the fields GUP and the
/// folio helpers touch are named; the rest keep their offsets so the model costs what the kernel's cache lines cost.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct StructPage
{
    /// <summary><c>PG_head</c> (include/linux/page-flags.h: locked, writeback, referenced, uptodate, dirty, lru, head).</summary>
    public const int PgHead = 6;

    /// <summary>Bit 0 of <see cref="CompoundHead"/> marks a tail page (include/linux/page-flags.h, <c>_compound_head</c>).</summary>
    public const ulong TailMark = 1;

    [FieldOffset(0)] public ulong Flags;
    /// <summary>Tail pages: the head page's pointer | <see cref="TailMark"/>; otherwise <c>lru.next</c>.</summary>
    [FieldOffset(8)] public ulong CompoundHead;
    [FieldOffset(24)] public ulong Mapping;
    [FieldOffset(32)] public ulong Index;
    [FieldOffset(40)] public ulong Private;
    /// <summary><c>_mapcount</c>, -1 based.</summary>
    [FieldOffset(48)] public int MapCount;
    [FieldOffset(52)] public int RefCount;
    [FieldOffset(56)] public ulong MemcgData;

    public readonly bool IsHead => (Flags >> PgHead & 1) != 0;
    public readonly bool IsTail => (CompoundHead & TailMark) != 0;
}

/// <summary>
/// The first tail page of a large folio seen as <c>struct folio</c>'s second word block (include/linux/mm_types.h, v6.12):
/// <c>_flags_1</c> holds the order in its low byte (<c>folio_order</c>), <c>_pincount</c> counts FOLL_PIN pins.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
public struct FolioSecondPage
{
    public const ulong OrderMask = 0xff;

    [FieldOffset(0)] public ulong Flags1;
    [FieldOffset(8)] public ulong Head1;
    [FieldOffset(16)] public int LargeMapCount;
    [FieldOffset(20)] public int EntireMapCount;
    [FieldOffset(24)] public int NrPagesMapped;
    [FieldOffset(28)] public int PinCount;
    [FieldOffset(32)] public uint FolioNrPages;

    public readonly int Order => (int)(Flags1 & OrderMask);
}
