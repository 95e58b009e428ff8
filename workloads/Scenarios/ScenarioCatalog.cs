using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;

namespace BenchSuite.Workloads.Scenarios;

/// <summary>
/// The scenario presets (DESIGN.md §4). Run lengths marked "captured" are histograms measured with
/// <c>capture</c> on the development machine (Linux 6.18, 2 cores, 24 GiB, November 2026), in folios per physically
/// contiguous run; the rest are stated assumptions, and a captured trace (<c>trace:FILE</c>) replaces them.
/// </summary>
public static class ScenarioCatalog
{
    public const string TracePrefix = "trace:";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("rdma-4k", "RDMA MR over 4 KiB anonymous pages, fragmented into short physical runs (mean 2.6 pages)",
            "captured: 64 MiB fresh anonymous buffer, MADV_NOHUGEPAGE: 6252 runs of 1/2/4/8 pages (2465/1951/1170/662). " +
            "After 4 GiB of churn the same capture gives 16384 runs for 16384 pages (every page alone: the per-CPU free " +
            "lists return pages in descending PFN order, which never merges); capture --churn 4G and trace:FILE measure that case",
            new LayoutModel([(0, 1)], [(1, 2465), (2, 1951), (4, 1170), (8, 662)])),
        new("rdma-thp", "RDMA MR over 2 MiB THP folios, rarely physically adjacent",
            "captured: 64 MiB anonymous buffer, MADV_HUGEPAGE: 32 PMD folios in 31 runs",
            new LayoutModel([(9, 1)], [(1, 30), (2, 1)])),
        new("vfio-1g", "VFIO/iommufd pinning of 1 GiB hugetlb folios, each its own run",
            "assumed: hugetlb hands out pool pages in pool order, not physical order; 1 GiB pages could not be captured here",
            new LayoutModel([(18, 1)], [(1, 1)])),
        new("nvme-dio", "NVMe direct I/O from the page cache: 512-byte aligned start, large folios of 4 KiB to 1 MiB",
            "assumed: readahead grows page-cache folios (orders 0, 2, 4, 6, 8 weighted 4:2:2:1:1), first byte at offset 512",
            new LayoutModel([(0, 4), (2, 2), (4, 2), (6, 1), (8, 1)], [(1, 1)], FirstOffset: 512)),
        new("gpu-mthp", "GPU userptr over 64 KiB anonymous mTHP folios",
            "captured: 64 MiB buffer with only 64 KiB mTHP enabled: 1024 folios in 908 runs (792 single, 116 pairs)",
            new LayoutModel([(4, 1)], [(1, 792), (2, 116)])),
        new("mixed", "a mix of 4 KiB, 16 KiB, 64 KiB and 2 MiB folios, as a long-running host with mTHP serves them",
            "assumed: folio counts 8:4:2:1 for 4K:16K:64K:2M, runs of 1-2 folios (3:1)",
            new LayoutModel([(0, 8), (2, 4), (4, 2), (9, 1)], [(1, 3), (2, 1)])),
        new("p2p-mixed", "RAM (2 MiB THP) interleaved with a peer device's BAR, 2 MiB of each in turn",
            "assumed: P2P memory is contiguous order-0 ZONE_DEVICE pages carved from one BAR (provider 1)",
            new LayoutModel([(9, 1)], [(1, 1)], RamSegmentBytes: 2 << 20, P2PSegmentBytes: 2 << 20)),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static Scenario Find(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new InputException($"unknown scenario '{name}'; known: {string.Join(", ", Names)}, {TracePrefix}FILE");

    /// <summary>A scenario name or <c>trace:FILE</c> at one size (traces have their own size; <paramref name="lengthBytes"/> is ignored).</summary>
    public static PageList Resolve(string name, ulong lengthBytes, ulong seed) =>
        name.StartsWith(TracePrefix, StringComparison.Ordinal)
            ? PageTrace.Open(name[TracePrefix.Length..])
            : Find(name).Create(lengthBytes, seed);
}
