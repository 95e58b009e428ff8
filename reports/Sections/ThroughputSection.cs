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
public static class ThroughputSection
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
        blocks.Add(new Paragraph("Where an operation cannot be the same work for every encoding, this is what it includes. DmaMap: a "
            + "planning walk that sizes the output, then the mapping into the encoding's own DMA output (scatterlist in place, phyr16 a "
            + "dma_range list, order8 and rlist their own format, identity under direct, pagearray a dma_addr_t per page), then unmap and "
            + "free. biovec stores no output: its DmaMap maps into a sink that only sums the segments, after a walk that sizes the IOVA (the "
            + "block layer takes the length from the request instead), and its Consume maps while the consumer walks, so it includes a "
            + "mapping the others made before the timing. Unpin walks merged lists per range and folio, and the page array per page "
            + "(unpin_user_pages). Build allocates from free lists warmed by an earlier build, as slab and the page allocator serve a "
            + "steady state; vmalloc's page mapping is not modelled."));
        var lists = results.PageLists;
        foreach (PageListKey list in lists)
            blocks.Add(new Figure(TimeChart(results, list)));
        foreach (PageListKey list in lists)
        {
            var rows = new List<IReadOnlyList<string>>
            {
                (IReadOnlyList<string>)["entries", .. results.Encodings.Select(e => Entries(results, e, list))],
                (IReadOnlyList<string>)["Build allocations/page", .. results.Encodings.Select(e => AllocationsPerPage(results, e, list))],
            };
            rows.AddRange(results.Operations.Select(o => (IReadOnlyList<string>)[o, .. results.Encodings.Select(e => Cell(results, o, e, list))]));
            blocks.Add(new Table($"{list}, {list.Pages} pages: ns per page ± the wider side of its 95% interval, (ns per entry); Seek per seek", ["operation", .. results.Encodings], rows));
        }
        if (results.Operations.Contains("Iterate") && results.Operations.Contains("Floor"))
        {
            blocks.Add(new Paragraph("Iterate over Floor: the walk's time against a plain sum of exactly the list's entry bytes. "
                + "Near 1 the walk is bound by reading memory; well above it, by the decoding work per entry."));
            blocks.Add(new Table("Iterate / Floor (estimate over estimate; results only)", ["page list", .. results.Encodings],
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

    /// <summary>Allocations one Build makes per pinned page, counted from the list as built (density.json).</summary>
    static string AllocationsPerPage(BatchResults results, string encoding, PageListKey list) =>
        results.DensityOf(encoding, list) is { Supported: true, Allocations: { } allocations } row && row.Pages > 0
            ? Cells.Number((double)allocations / row.Pages) : Cells.NotApplicable;

    /// <summary>"0.348 ±3% (0.91)": per page, the wider side of the interval relative to the estimate, per entry; or why there is no result.</summary>
    public static string Cell(BatchResults results, string operation, string encoding, PageListKey list)
    {
        BatchCase? c = results.Case(operation, encoding, list);
        if (c is null || results.Estimate(operation, encoding, list) is not { } e)
            return Cells.Estimate(c, null);
        if (results.Problems.ContainsKey(c.Id))
            return results.Timed ? $"below resolution ({Cells.Ns(e.Value * c.UnitsPerInvocation)}/call)" : "not timed";
        string text = Cells.Number(e.Value);
        if (e.HasInterval)
            text += " ±" + Cells.Spread(e);
        if (c.Unit == "page" && results.DensityOf(encoding, list) is { Supported: true, Entries: > 0 and { } entries })
            text += $" ({Cells.Number(e.Value * c.Pages / entries)})";
        return text;
    }

    /// <summary>
    /// One page list's operations side by side, a dot per encoding with its interval, and each encoding's entry count
    /// in the legend: lists of 2 and of 100,000 entries never share an axis. A case that is not a result (below
    /// resolution, too noisy) is left out and named under the chart; one that does not apply is drawn as "n/a".
    /// </summary>
    static Chart TimeChart(BatchResults results, PageListKey list) =>
        TimeChart(results, list, results.Encodings, $"time-{list.Name}", $"{list}: time per page");

    /// <summary>The time chart of <paramref name="list"/> for some of the batch's encodings (a knob's variants, say).</summary>
    public static Chart TimeChart(BatchResults results, PageListKey list, IReadOnlyList<string> encodings, string id, string title)
    {
        var operations = results.Operations.ToList();
        var left = new List<string>();
        var series = encodings.Select(e => new ChartSeries(e, operations.Select((o, i) => Point(i, results, o, e, list, left)).OfType<ChartPoint>().ToList(),
            Legend: results.DensityOf(e, list) is { Supported: true, Entries: { } entries } ? $"{e} ({Cells.Count(entries)})" : e)).ToList();
        var categories = operations.Select(o => results.UnitOf(o) is var unit && unit == "page" ? o : $"{o} (per {unit})").ToList();
        var notes = new List<string> { "Legend: each encoding with the entries its list has." };
        if (left.Count > 0)
            notes.Add($"Not results, left out: {string.Join(", ", left)}.");
        return new Chart(id, title, ChartKind.Dots,
            new Axis("operation"), new Axis("time per page", AxisUnit.Nanoseconds, Log: true), series, categories, Notes: notes, Horizontal: true);
    }

    /// <summary>The case's point; null when it has none to draw, with the reason added to <paramref name="left"/>.</summary>
    static ChartPoint? Point(int category, BatchResults results, string operation, string encoding, PageListKey list, List<string> left)
    {
        if (results.Result(operation, encoding, list) is { } e)
            return e.HasInterval ? new ChartPoint(category, e.Value, e.Lower, e.Upper) : new ChartPoint(category, e.Value);
        BatchCase? c = results.Case(operation, encoding, list);
        if (c is null)
            return null;
        if (c.Status == CaseStatus.NotApplicable)
            return new ChartPoint(category, double.NaN, Label: Cells.NotApplicable);
        string why = results.Estimate(operation, encoding, list) is null ? Cells.Estimate(c, null) : results.Timed ? "below resolution" : "not timed";
        left.Add($"{encoding} {operation} ({why})");
        return null;
    }

    public static string Slug(string operation) => operation.Replace(':', '-').ToLowerInvariant();
}
