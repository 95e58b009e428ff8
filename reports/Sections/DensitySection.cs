using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>DESIGN.md §7.1: bytes per pinned page of every encoding on every page list, as grouped bars and a table.</summary>
public static class DensitySection
{
    public static Section Build(BatchResults results)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Bytes each list costs to keep (its header plus every allocation, rounded as the kernel's allocator rounds it), "
                + "divided by the 4 KiB pages pinned; counted from the structures built. Lower is denser."),
        };
        foreach (var bySize in results.PageLists.GroupBy(l => l.PinnedBytes))
        {
            var lists = bySize.ToList();
            string size = lists[0].Size;
            var series = results.Encodings.Select(e => new ChartSeries(e, lists.Select((l, i) => Point(i, results.DensityOf(e, l))).ToList())).ToList();
            // A log axis with every bar's value written on it: densities span four decades (order8's 0.02 B beside
            // pagearray's 16 B), and on a linear axis the dense ones are bars too short to see. More bars than a
            // row of labels holds go in rows.
            blocks.Add(new Figure(new Chart($"density-{size}", $"Bytes per pinned page, {size} pinned (lower is denser)", ChartKind.Bars,
                new Axis("page list"), new Axis("bytes per 4 KiB page", Log: true), series, lists.Select(l => l.ScenarioName).ToList(),
                Horizontal: lists.Count * series.Count > 24)));
            blocks.Add(new Table($"Bytes per pinned page, {size} pinned", ["scenario", .. results.Encodings],
                lists.Select(l => (IReadOnlyList<string>)[l.ScenarioName, .. results.Encodings.Select(e => Cells.BytesPerPage(results.DensityOf(e, l)))]).ToList()));
        }
        return new Section("density", "Density", blocks);
    }

    static ChartPoint Point(int category, DensityRow? row) => row is { Supported: true, BytesPerPage: { } b }
        ? new ChartPoint(category, b)
        : new ChartPoint(category, double.NaN, Label: row is null ? null : Cells.NotApplicable);
}
