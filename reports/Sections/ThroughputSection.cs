using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.2: the time per page of each operation, one panel per operation with 95% intervals, then one table
/// per page list (operations × encodings: time per page with its interval, time per entry, and the entries the list
/// has) and the Iterate over Floor ratios. A case that is not a result is drawn as a label and written as such.
/// </summary>
static class ThroughputSection
{
    public static Section Build(BatchResults results)
    {
        var blocks = new List<Block>
        {
            new Paragraph($"Time per pinned page (Seek: per seek): the {CaseEstimate.Name}, with its 95% confidence interval "
                + $"(Maritz-Jarrett; Perfolizer), over {results.Batch.Rounds} rounds per case, each with its own setup and placement in memory. "
                + "Every case was checked against the reference model before it was timed. A case with less than "
                + $"{Resolution.MinimumInvocationNs:0} ns of work per invocation, or an interval wider than its estimate, is not a result: it says "
                + "\"below resolution\" and is kept out of every verdict, ratio and claim. Compare within one batch: absolute times move "
                + "between runs on a shared machine."),
        };
        var lists = results.PageLists;
        var categories = lists.Select(l => l.ToString()).ToList();
        foreach (string operation in results.Operations)
        {
            string unit = results.Batch.Cases.First(c => BatchResults.OperationId(c) == operation).Unit;
            var series = results.Encodings.Select(e => new ChartSeries(e, lists.Select((l, i) => Point(i, results, operation, e, l)).ToList())).ToList();
            blocks.Add(new Figure(new Chart($"time-{Slug(operation)}", $"{operation}: time per {unit}", ChartKind.Dots,
                new Axis("page list"), new Axis($"time per {unit}", AxisUnit.Nanoseconds, Log: true), series, categories)));
        }
        foreach (PageListKey list in lists)
        {
            var rows = new List<IReadOnlyList<string>> { (IReadOnlyList<string>)["entries", .. results.Encodings.Select(e => Entries(results, e, list))] };
            rows.AddRange(results.Operations.Select(o => (IReadOnlyList<string>)[o, .. results.Encodings.Select(e => Cell(results, o, e, list))]));
            blocks.Add(new Table($"{list}, {list.Pages} pages: ns per page ± half the 95% interval, (ns per entry); Seek per seek", ["operation", .. results.Encodings], rows));
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
        results.Result("Iterate", encoding, list) is { } iterate && results.Result("Floor", encoding, list) is { } floor && floor.Value > 0
            ? Cells.Ratio(iterate.Value / floor.Value)
            : results.Case("Iterate", encoding, list) is null ? "" : results.Estimate("Iterate", encoding, list) is null ? Cells.NotApplicable : "no result";

    /// <summary>Entries of the list as built (density.json): what a per-entry time divides by.</summary>
    static string Entries(BatchResults results, string encoding, PageListKey list) =>
        results.DensityOf(encoding, list) is { Supported: true, Entries: { } entries } ? entries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : Cells.NotApplicable;

    /// <summary>"0.348 ±3% (0.91)": per page, half the interval relative to the estimate, per entry; or why there is no result.</summary>
    static string Cell(BatchResults results, string operation, string encoding, PageListKey list)
    {
        BatchCase? c = results.Case(operation, encoding, list);
        if (c is null || results.Estimate(operation, encoding, list) is not { } e)
            return Cells.Estimate(c, null);
        if (results.Problems.TryGetValue(c.Id, out string? problem))
            return problem.StartsWith("below resolution", StringComparison.Ordinal) ? $"below resolution ({Cells.Ns(e.Value * c.UnitsPerInvocation)}/call)" : "not timed";
        string text = Cells.Number(e.Value);
        if (e.HasInterval)
            text += $" ±{Math.Max(e.Upper - e.Value, e.Value - e.Lower) / e.Value * 100:0}%";
        if (c.Unit == "page" && results.DensityOf(encoding, list) is { Supported: true, Entries: > 0 and { } entries })
            text += $" ({Cells.Number(e.Value * c.Pages / entries)})";
        return text;
    }

    static ChartPoint Point(int category, BatchResults results, string operation, string encoding, PageListKey list)
    {
        if (results.Result(operation, encoding, list) is { } e)
            return e.HasInterval ? new ChartPoint(category, e.Value, e.Lower, e.Upper) : new ChartPoint(category, e.Value);
        string cell = results.Estimate(operation, encoding, list) is null ? Cells.Estimate(results.Case(operation, encoding, list), null) : "no result";
        return new ChartPoint(category, double.NaN, Label: cell.Length > 0 ? cell : null);
    }

    public static string Slug(string operation) => operation.Replace(':', '-').ToLowerInvariant();
}
