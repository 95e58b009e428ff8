using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.2: the median time per page of each operation, one panel per operation with 95% intervals, then one
/// table per page list (operations × encodings) and the Iterate over Floor ratios.
/// </summary>
static class ThroughputSection
{
    public static Section Build(BatchResults results)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Median time per pinned page (Seek: per seek) from BenchmarkDotNet's measurements, with the 95% confidence "
                + "interval of the median (Harrell-Davis, Maritz-Jarrett; Perfolizer). Every case was checked against the reference "
                + "model before it was timed. Compare within one batch: absolute times move between runs on a shared machine."),
        };
        var lists = results.PageLists;
        var categories = lists.Select(l => l.ToString()).ToList();
        foreach (string operation in results.Operations)
        {
            string unit = results.Batch.Cases.First(c => BatchResults.OperationId(c) == operation).Unit;
            var series = results.Encodings.Select(e => new ChartSeries(e, lists.Select((l, i) => Point(i, results, operation, e, l)).ToList())).ToList();
            blocks.Add(new Figure(new Chart($"time-{Slug(operation)}", $"{operation}: time per {unit}", ChartKind.Dots,
                new Axis("page list"), new Axis($"median per {unit}", AxisUnit.Nanoseconds, Log: true), series, categories)));
        }
        foreach (PageListKey list in lists)
        {
            blocks.Add(new Table($"{list}, {list.Pages} pages: median ns per page (Seek: per seek)", ["operation", .. results.Encodings],
                results.Operations.Select(o => (IReadOnlyList<string>)[o, .. results.Encodings.Select(e => Cells.Median(results.Case(o, e, list), results.Estimate(o, e, list)))]).ToList()));
        }
        if (results.Operations.Contains("Iterate") && results.Operations.Contains("Floor"))
        {
            blocks.Add(new Paragraph("Iterate over Floor: the walk's time against a plain sum of exactly the list's entry bytes. "
                + "Near 1 the walk is bound by reading memory; well above it, by the decoding work per entry."));
            blocks.Add(new Table("Iterate / Floor (median over median)", ["page list", .. results.Encodings],
                lists.Select(l => (IReadOnlyList<string>)[l.ToString(), .. results.Encodings.Select(e => Ratio(results, e, l))]).ToList()));
        }
        return new Section("throughput", "Time per page", blocks);
    }

    public static string Ratio(BatchResults results, string encoding, PageListKey list) =>
        results.Estimate("Iterate", encoding, list) is { } iterate && results.Estimate("Floor", encoding, list) is { } floor && floor.Median > 0
            ? Cells.Ratio(iterate.Median / floor.Median)
            : results.Case("Iterate", encoding, list) is null ? "" : Cells.NotApplicable;

    static ChartPoint Point(int category, BatchResults results, string operation, string encoding, PageListKey list)
    {
        if (results.Estimate(operation, encoding, list) is { } e)
            return e.HasInterval ? new ChartPoint(category, e.Median, e.Lower, e.Upper) : new ChartPoint(category, e.Median);
        string cell = Cells.Median(results.Case(operation, encoding, list), null);
        return new ChartPoint(category, double.NaN, Label: cell.Length > 0 ? cell : null);
    }

    public static string Slug(string operation) => operation.Replace(':', '-').ToLowerInvariant();
}
