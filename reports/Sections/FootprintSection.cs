using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.1: total footprint against pinned size, log-log, from the batch's density sweep (<c>sweep.json</c>,
/// built in counting mode up to 1 TiB), with the footprint and the largest single allocation at the largest size.
/// </summary>
static class FootprintSection
{
    public static Section Build(BatchResults results)
    {
        var blocks = new List<Block>();
        if (results.Sweep.Count == 0)
        {
            blocks.Add(new Paragraph($"Not measured: this results folder has no {BatchResults.SweepFileName} (it predates the sweep)."));
            return new Section("footprint", "Footprint versus pinned size", blocks);
        }
        var encodings = results.Sweep.Select(r => r.Encoding).Distinct().ToList();
        blocks.Add(new Paragraph("What each list costs to keep as the pinned size grows, up to 1 TiB. The largest single allocation "
            + "says whether a list fits in slab or page allocations or needs a virtually contiguous (vmalloc) area."));
        foreach (var byScenario in results.Sweep.GroupBy(r => r.Scenario))
        {
            string scenario = results.ScenarioNames.Short(byScenario.Key);
            ulong largest = byScenario.Max(r => r.PinnedBytes);
            // Bytes per page, not total bytes: totals grow with the size pinned and span twelve decades, where a 4x
            // difference between encodings is one bundle of lines. The legend names each encoding's largest single
            // allocation at the largest size, which decides between slab, the page allocator and vmalloc.
            var series = encodings.Select(e => new ChartSeries(e, byScenario.Where(r => r.Encoding == e && r.Supported && r.BytesPerPage is not null)
                    .OrderBy(r => r.PinnedBytes).Select(r => new ChartPoint(r.PinnedBytes, r.BytesPerPage!.Value)).ToList(),
                Legend: byScenario.FirstOrDefault(r => r.Encoding == e && r.PinnedBytes == largest) switch
                {
                    { Supported: false } => $"{e}: n/a",
                    { LargestAllocationBytes: { } l } => $"{e}: {Cells.Bytes(l)}",
                    _ => e,
                })).ToList();
            // A list refused from some size on (physvec past one kmalloc) is one note from that size, not one per size.
            var refused = byScenario.Where(r => !r.Supported).GroupBy(r => (r.Encoding, r.Reason))
                .Select(g => $"{g.Key.Encoding} {(g.Count() > 1 ? "from" : "at")} {Cells.Bytes((long)g.Min(r => r.PinnedBytes))}: {g.Key.Reason}").ToList();
            blocks.Add(new Figure(new Chart($"footprint-{scenario}", $"Footprint per pinned page, {scenario}", ChartKind.Lines,
                new Axis("pinned", AxisUnit.Bytes, Log: true), new Axis("bytes per 4 KiB page", Log: true), series,
                Notes: [$"Legend: each encoding with its largest single allocation at {Cells.Bytes((long)largest)}.", .. refused.Count > 0 ? [$"n/a: {string.Join("; ", refused)}"] : Array.Empty<string>()])));
            blocks.Add(new Table($"{scenario} at {Cells.Bytes((long)largest)} pinned", ["encoding", "footprint", "B/page", "largest allocation"],
                encodings.Select(e => byScenario.FirstOrDefault(r => r.Encoding == e && r.PinnedBytes == largest))
                    .Where(r => r is not null)
                    .Select(r => (IReadOnlyList<string>)(r!.Supported
                        ? [r.Encoding, Cells.Bytes(r.AllocatedBytes!.Value), Cells.BytesPerPage(r), r.LargestAllocationBytes is { } l ? Cells.Bytes(l) : ""]
                        : [r.Encoding, Cells.NotApplicable, "", r.Reason ?? ""])).ToList(), TextColumns: [3]));
        }
        return new Section("footprint", "Footprint versus pinned size", blocks);
    }
}
