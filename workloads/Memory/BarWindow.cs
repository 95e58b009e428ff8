namespace BenchSuite.Workloads.Memory;

/// <summary>
/// A P2P device BAR whose pages have ZONE_DEVICE <c>struct page</c>s (mm/memremap.c, drivers/pci/p2pdma.c):
/// the PFN window the CPU sees, the provider (pgmap) id, and the offset from CPU physical to PCI bus address
/// (<c>pci_bus_address</c> minus the resource start; 0 where the host bridge does not translate).
/// </summary>
public readonly record struct BarWindow(int Provider, ulong FirstPfn, ulong Pages, long BusOffset = 0)
{
    public ulong EndPfn => FirstPfn + Pages;

    public bool Contains(ulong pfn) => pfn - FirstPfn < Pages;

    public ulong BusAddressOf(ulong phys) => (ulong)((long)phys + BusOffset);
}
