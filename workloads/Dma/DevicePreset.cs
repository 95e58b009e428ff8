namespace BenchSuite.Workloads.Dma;

/// <summary>A device's DMA limits as its driver sets them, by name (<c>--device</c>), with where they come from.</summary>
public sealed record DevicePreset(string Name, DmaLimits Limits, string Source)
{
    const ulong Pci4GBoundary = 1UL << 32;

    public static IReadOnlyList<DevicePreset> All { get; } =
    [
        new("unlimited", DmaLimits.None,
            "the suite's default, no limits (the kernel's default without dma_parms is 64K)"),
        new("pci-default", DmaLimits.PciDefault,
            "every PCI device's start: drivers/pci/probe.c, pci_device_add"),
        new("mlx5", new DmaLimits(2UL << 30, Pci4GBoundary),
            "mlx5/core/main.c, set_dma_caps; the boundary is pci_device_add's"),
        // dma_set_max_seg_size(0xffffffff), so lists are built at UINT_MAX rounded down to pages (4G - 4K). Its queue
        // limits split biovec's requests (BlockQueues); the virt_boundary (4K for PRP-only controllers) is not modelled.
        new("nvme", new DmaLimits(uint.MaxValue, Pci4GBoundary) { Queue = BlockQueue.Nvme },
            "nvme/host/pci.c, nvme_pci_alloc_dev; core.c, nvme_set_ctrl_limits; the boundary is pci_device_add's"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToList();

    public static DevicePreset Find(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new InputException($"unknown device '{name}'; known: {string.Join(", ", Names)}");
}
