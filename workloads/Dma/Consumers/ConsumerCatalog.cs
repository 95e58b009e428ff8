namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>What reads a DMA mapping's segments (DESIGN.md §4, Consumers).</summary>
public enum ConsumerKind
{
    NvmePrp,
    NvmeSgl,
    RdmaMr,
    GpuPt,
}

/// <param name="Origin">the mainline code it follows and the release that merged it (the report's origins table).</param>
public sealed record ConsumerInfo(string Name, ConsumerKind Kind, string Description, string Origin);

/// <summary>The consumers by the names the command line and the reports use.</summary>
public static class ConsumerCatalog
{
    public static IReadOnlyList<ConsumerInfo> All { get; } =
    [
        new("nvme-prp", ConsumerKind.NvmePrp, "NVMe PRP1/PRP2 and 4 KiB PRP list pages, one 8-byte entry per controller page",
            "mainline: PRP lists since the NVMe driver's start (v3.3); nvme_pci_setup_data_prp (drivers/nvme/host/pci.c) today"),
        new("nvme-sgl", ConsumerKind.NvmeSgl, "NVMe SGL: a 16-byte data block descriptor per segment, 256 per list page, chained",
            "mainline: SGL support in nvme-pci (v4.15)"),
        new("rdma-mr", ConsumerKind.RdmaMr, "RDMA MR: best HW page size over the segments, then a page list of that size (two walks)",
            "mainline: ib_umem_find_best_pgsz (v5.2), rdma_umem_for_each_dma_block (drivers/infiniband/core)"),
        new("gpu-pt", ConsumerKind.GpuPt, "GPU VM page table as xe binds a userptr (xe_pt.c xe_pt_stage_bind_entry): 2 MiB/1 GiB leaves, compact 64 KiB tables, else 4 KiB PTEs",
            "mainline: the xe driver (v6.8), drivers/gpu/drm/xe/xe_pt.c; drm_gpuvm (v6.6 as drm_gpuva_mgr)"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(c => c.Name).ToList();

    public static ConsumerInfo Find(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new InputException($"unknown consumer '{name}'; known: {string.Join(", ", Names)}");
}
