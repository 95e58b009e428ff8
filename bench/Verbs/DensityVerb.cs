using System.Collections.Concurrent;
using System.Diagnostics;
using BenchSuite.Bench.Cli;
using BenchSuite.Encodings;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Text;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Density;
using BenchSuite.Workloads.Dma;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>density</c>: footprint of every requested encoding on every requested page list, no timing.</summary>
public static class DensityVerb
{
    public const string DefaultSizes = "4K,1M,1G";

    public static readonly string Usage = $"""
        density [--encodings a,b] [--scenarios x,y] [--sizes {DefaultSizes}] [--trace FILE]... [--mappers a,b]
                [--device NAME] [--max-segment BYTES] [--seg-boundary BYTES] [--iommu-granule BYTES] [--seed N] [--json]
          Builds each encoding from each scenario at each size (and each trace), maps it with each mapper, and prints
          the footprints counted from the structures built: an aligned table, or density.json with --json.
          --encodings    default: all ({string.Join(", ", EncodingRegistry.Names)})
          --scenarios    default: all, or none when --trace is given; trace:FILE is also accepted here
          --sizes        bytes with K, M, G or T suffixes; up to 1T runs in constant memory (default {DefaultSizes})
          --trace        a page trace (capture writes them); repeatable
          --mappers      DMA mappers: {string.Join(", ", MapperCatalog.Names)} (default: all; none for no DMA rows). Mapping
                         walks the list, so lists up to {ByteSize.Format(DensityMeasurer.MaxMappedBytes)} are built for real and mapped; larger
                         ones are built in counting mode and their DMA rows say so
          --device       the device's DMA limits by name: {string.Join(", ", DevicePreset.Names)} (default
                         unlimited; list shows each with its kernel source). Lists are built within its max_segment,
                         and mappers map entries whole, as dma_map_sg does
          --max-segment  the device's max_segment in bytes, over --device's (the scatterlist and phyr16 also cap
                         entries at their u32 length fields)
          --seg-boundary the device's segment boundary window, a power of two of at least 4K, over --device's
          --iommu-granule the IOMMU's smallest page: 4K (default), 16K or 64K, as an IOMMU whose smallest page is larger
                         than the CPU's 4K has; page boundaries off it keep iommu from coalescing and make iova-link
                         map each range alone (the block layer assumes a granule of at most PAGE_SIZE)
          --seed         generator seed (default 1); the same seed gives the same page lists
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("density", args, ["encodings", "scenarios", "sizes", "trace", "mappers", "device", "max-segment", "seg-boundary", "iommu-granule", "seed"], ["json"]);
        a.NoPositionals();
        DensityRequest request = DensityRequest.From(a);
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<DensityResult> results = Measure(request, progress: a.Flag("json") ? null : Console.Error);
        var rows = results.Select(ToRow).ToList();
        Console.Write(a.Flag("json") ? DensityFile.Serialize(rows) + "\n" : DensityTable.Format(rows));
        Console.Error.WriteLine($"density: {results.Count} builds in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// Measures every page list on every core: each list's encodings are dealt into one group per core, and each
    /// (list, group) is one streaming pass, so even a single terabyte list keeps both cores of a small machine busy
    /// (the generator runs once per group, which costs less than an idle core). Results come back in request order.
    /// </summary>
    public static IReadOnlyList<DensityResult> Measure(DensityRequest request, TextWriter? progress = null, CancellationToken cancel = default)
    {
        var lists = request.PageLists().ToList();
        int groups = Math.Min(Environment.ProcessorCount, request.Encodings.Count);
        var byGroup = Enumerable.Range(0, groups)
            .Select(g => request.Encodings.Where((_, i) => i % groups == g).ToList()).ToList();
        var results = new IReadOnlyList<DensityResult>[lists.Count, groups];
        var groupsLeft = lists.Select(_ => groups).ToArray();
        int listsDone = 0;
        // One work item at a time, in order (no range partitioning), so a list's groups run side by side.
        var work = Partitioner.Create(Enumerable.Range(0, lists.Count * groups), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, w =>
        {
            (int list, int group) = Math.DivRem(w, groups);
            results[list, group] = DensityMeasurer.Measure(lists[list], byGroup[group], request.MaxSegment, request.Mappers, request.Limits, cancel, request.Granule);
            if (Interlocked.Decrement(ref groupsLeft[list]) == 0)
                progress?.WriteLine($"density: [{Interlocked.Increment(ref listsDone)}/{lists.Count}] {lists[list].Name} {ByteSize.Format(lists[list].LengthBytes)}");
        });
        // Encoding i was dealt to group i % groups, as its (i / groups)-th member.
        return Enumerable.Range(0, lists.Count)
            .SelectMany(l => request.Encodings.Select((_, i) => results[l, i % groups][i / groups]))
            .ToList();
    }

    public static DensityRow ToRow(DensityResult r) => new(
        r.Encoding, r.Scenario, r.PinnedBytes, r.Pages,
        r.Footprint?.Entries, r.Footprint?.PayloadBytes, r.Footprint?.TotalBytes, r.Footprint?.Allocations,
        r.Supported ? r.BytesPerPage : null, r.Supported, r.Refusal?.Detail,
        r.Dma.Select(d => ToRow(d, r.Pages)).ToList(), r.Footprint?.LargestAllocationBytes, (long)r.OwnerChanges);

    static DmaDensity ToRow(DmaDensityResult d, ulong pages) => d.Footprint is { } f
        ? new DmaDensity(d.Mapper, d.Segments, f.Entries, f.TotalBytes, f.BytesPerPage(pages), true, null,
            d.PageTable?.MapCalls, d.PageTable?.EntriesWritten, d.PageTable?.Walks, d.PageTable?.Syncs)
        : new DmaDensity(d.Mapper, null, null, null, null, false, d.Reason);
}
