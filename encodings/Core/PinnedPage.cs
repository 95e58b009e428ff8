using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings;

/// <summary>
/// One entry of what GUP returns: a pinned 4 KiB page with what its <c>struct page</c> says about it
/// (the order of the folio it belongs to, and the P2P provider whose pgmap owns it, 0 for RAM).
/// Packed in 8 bytes like the <c>struct page *</c> it stands for: bits 0–51 PFN, 52–56 folio order, 57–63 provider.
/// </summary>
public readonly struct PinnedPage : IEquatable<PinnedPage>
{
    public const int MaxFolioOrder = 18;            // PUD-sized folio (1 GiB), include/linux/huge_mm.h
    public const int MaxProvider = 127;

    const int OrderShift = 52;
    const int ProviderShift = 57;
    const ulong PfnMask = (1UL << OrderShift) - 1;

    readonly ulong _value;

    public PinnedPage(ulong pfn, int folioOrder = 0, int provider = 0)
    {
        if (pfn > PfnMask) throw new ArgumentOutOfRangeException(nameof(pfn), pfn, "PFN must fit 52 bits");
        if ((uint)folioOrder > MaxFolioOrder) throw new ArgumentOutOfRangeException(nameof(folioOrder), folioOrder, "folio order must be 0..18");
        if ((uint)provider > MaxProvider) throw new ArgumentOutOfRangeException(nameof(provider), provider, "provider must be 0..127");
        _value = pfn | (ulong)folioOrder << OrderShift | (ulong)provider << ProviderShift;
    }

    PinnedPage(ulong value) => _value = value;

    /// <summary>
    /// The page <paramref name="pages"/> further on in the same folio run: same order and provider, PFN advanced.
    /// The PFN sits in the low bits, so this is one add; streaming generators use it for every page they emit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PinnedPage Plus(ulong pages)
    {
        System.Diagnostics.Debug.Assert(Pfn + pages <= PfnMask, "PFN must stay within 52 bits");
        return new PinnedPage(_value + pages);
    }

    public ulong Pfn
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _value & PfnMask;
    }

    public int FolioOrder => (int)(_value >> OrderShift) & 0x1F;

    /// <summary>P2P provider id (the ZONE_DEVICE pgmap), 0 for ordinary RAM.</summary>
    public int Provider
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (int)(_value >> ProviderShift);
    }

    public ulong Phys => Pfn << Page.Shift;

    /// <summary>PFN of the head page of this page's folio (folios are naturally aligned).</summary>
    public ulong FolioPfn => Pfn & ~((1UL << FolioOrder) - 1);

    /// <summary>
    /// <c>pages_are_mergeable</c> (lib/scatterlist.c): this page directly follows <paramref name="previous"/>
    /// physically and both belong to the same pgmap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Follows(PinnedPage previous) =>
        Pfn == previous.Pfn + 1 && Provider == previous.Provider;

    public bool Equals(PinnedPage other) => _value == other._value;
    public override bool Equals(object? obj) => obj is PinnedPage p && Equals(p);
    public override int GetHashCode() => _value.GetHashCode();
    public override string ToString() => $"pfn 0x{Pfn:x} order {FolioOrder}" + (Provider == 0 ? "" : $" p2p:{Provider}");
}
