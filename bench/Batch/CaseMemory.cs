using BenchSuite.Reports.Charts;
using BenchSuite.Workloads;
using BenchSuite.Bench.Verbs;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// What one timed case holds at most, per pinned page, so a batch this machine cannot hold is refused before it
/// starts, with the estimate, instead of growing until it is killed: the page array (8 B), the list (at most 32 B: a
/// scatterlist entry per page), its DMA output (16 B), the IO page table (8 B per 4 KiB PTE) and Floor's copy of the
/// payload (32 B); Unpin adds the struct page model, 64 B per page.
/// </summary>
public static class CaseMemory
{
    public const long BytesPerPage = 8 + 32 + 16 + 8 + 32;
    public const long UnpinBytesPerPage = 64;

    /// <summary>The share of this machine's memory a case may take (the rest: the runtime, the OS, other programs).</summary>
    const double Share = 0.75;

    public static void Check(IEnumerable<PageList> lists, IReadOnlyList<BatchOperation> operations)
    {
        long perPage = BytesPerPage + (operations.Any(o => o.Name == "Unpin") ? UnpinBytesPerPage : 0);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        foreach (PageList list in lists)
        {
            double needed = (double)list.Pages * perPage;
            if (list.Pages > (ulong)Array.MaxLength || needed > Share * available)
                throw new InputException($"{list.Name} {ByteSize.Format(list.LengthBytes)}: a case would hold about "
                    + $"{UnitFormat.Format(needed, AxisUnit.Bytes)} ({perPage} B per pinned page), more than {Share * 100:0}% of this machine's "
                    + $"{UnitFormat.Format(available, AxisUnit.Bytes)}; time a smaller size (density measures any size up to {ByteSize.Format(DensityRequest.MaxListBytes)})");
        }
    }
}
