namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>What reads a DMA mapping's segments (DESIGN.md §4, Consumers).</summary>
public enum ConsumerKind
{
    NvmePrp,
    NvmeSgl,
    RdmaMr,
    GpuPt,
}

public sealed record ConsumerInfo(string Name, ConsumerKind Kind, string Description);

/// <summary>The consumers by the names the command line and the reports use.</summary>
public static class ConsumerCatalog
{
    public static IReadOnlyList<ConsumerInfo> All { get; } =
    [
        new("nvme-prp", ConsumerKind.NvmePrp, "NVMe PRP1/PRP2 and 4 KiB PRP list pages, one 8-byte entry per controller page"),
        new("nvme-sgl", ConsumerKind.NvmeSgl, "NVMe SGL: a 16-byte data block descriptor per segment, 256 per list page, chained"),
        new("rdma-mr", ConsumerKind.RdmaMr, "RDMA MR: best HW page size over the segments, then a page list of that size (two walks)"),
        new("gpu-pt", ConsumerKind.GpuPt, "GPU VM page table as xe binds a userptr (xe_pt.c xe_pt_stage_bind_entry): 2 MiB/1 GiB leaves, compact 64 KiB tables, else 4 KiB PTEs"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(c => c.Name).ToList();

    public static ConsumerInfo Find(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new InputException($"unknown consumer '{name}'; known: {string.Join(", ", Names)}");
}
