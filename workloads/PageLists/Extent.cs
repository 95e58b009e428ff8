using BenchSuite.Encodings;

namespace BenchSuite.Workloads.PageLists;

/// <summary>
/// <paramref name="Pages"/> physically contiguous pages from <paramref name="Pfn"/> on, in virtual-address order,
/// each in a folio of <paramref name="FolioOrder"/> (folios are naturally aligned, so a long extent may cover several),
/// owned by <paramref name="Provider"/> (0 RAM, else a P2P provider). One line of a page trace is one extent.
/// </summary>
public readonly record struct Extent(ulong Pfn, ulong Pages, int FolioOrder = 0, int Provider = 0)
{
    public ulong EndPfn => Pfn + Pages;

    public PinnedPage FirstPage => new(Pfn, FolioOrder, Provider);
}
