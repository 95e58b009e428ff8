using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.3 and §7.4: per page list, bytes per page against Iterate time (Pareto plot), and the verdict table:
/// the densest, the fastest walk, the fastest IOMMU mapping and the Pareto set, every figure with its unit. Only
/// results count (<see cref="BatchResults.Result"/>); a runner-up the significance test cannot separate from the
/// fastest at the batch's own threshold (<see cref="BatchResults.SeparationThreshold"/>) is named beside it.
/// </summary>
public static class TradeOffSection
{
    public const string SpeedOperation = "Iterate";
    public const string MapOperation = "DmaMap:iommu";

    public static Section Build(BatchResults results)
    {
        var blocks = new List<Block>
        {
            new Paragraph($"Each encoding as one point: bytes per pinned page against its {SpeedOperation} time per page, where that time is a result. "
                + "The dashed line joins the Pareto set, read through the noise: encodings no other encoding matches on both and beats on one, where "
                + "a time beats another only if the significance test separates them; it is drawn where the set has two or more. "
                + $"\"Not separable from\" names encodings within {Change.Percent(results.SeparationThreshold)} of the fastest: "
                + $"the larger of {Change.Percent(Change.DefaultThreshold)} and this batch's own noise ({Change.Percent(results.WithinBatchNoise)}: three robust standard "
                + "deviations of the ratio between each case's estimates from its even and its odd rounds)."),
        };
        var verdicts = new List<IReadOnlyList<string>>();
        foreach (PageListKey list in results.PageLists)
        {
            var points = Points(results, list);
            var set = ParetoSet(results, points);
            var left = results.Encodings.Where(e => points.All(p => p.Encoding != e) && results.DensityOf(e, list) is { Supported: true }).ToList();
            blocks.Add(new Figure(new Chart($"pareto-{list.Name}", $"Density against {SpeedOperation} time, {list}", ChartKind.Scatter,
                new Axis("bytes per page", AxisUnit.Bytes, Log: true), new Axis($"{SpeedOperation} time per page", AxisUnit.Nanoseconds, Log: true),
                results.Encodings.Select(e => new ChartSeries(e, points.Where(p => p.Encoding == e).Select(Point).ToList())).ToList(),
                ParetoFrontier: true, Frontier: set.Select(p => (p.BytesPerPage, p.Time.Value)).ToList(),
                Notes: left.Count > 0 ? [$"No {SpeedOperation} result, not drawn: {string.Join(", ", left)}."] : null)));
            verdicts.Add([list.ToString(), Densest(results, list), Fastest(results, SpeedOperation, list), Fastest(results, MapOperation, list), Names(set)]);
        }
        blocks.Add(new Table("Verdict per page list", ["page list", "densest", $"fastest {SpeedOperation}", $"fastest {MapOperation}", "Pareto set"], verdicts, TextColumns: [1, 2, 3, 4], StackedHead: 1));
        return new Section("trade-off", "Trade-off and verdict", blocks);
    }

    /// <summary>An encoding's point on the trade-off: bytes per page (counted, exact) and its time, a result with its interval.</summary>
    public sealed record TradeOffPoint(string Encoding, double BytesPerPage, CaseEstimate Time);

    public static List<TradeOffPoint> Points(BatchResults results, PageListKey list) =>
        results.Encodings
            .Select(e => (e, Density: results.DensityOf(e, list), Time: results.Result(SpeedOperation, e, list)))
            .Where(x => x.Density is { Supported: true, BytesPerPage: not null } && x.Time is not null)
            .Select(x => new TradeOffPoint(x.e, x.Density!.BytesPerPage!.Value, x.Time!))
            .ToList();

    static ChartPoint Point(TradeOffPoint p) => p.Time.HasInterval
        ? new ChartPoint(p.BytesPerPage, p.Time.Value, p.Time.Lower, p.Time.Upper)
        : new ChartPoint(p.BytesPerPage, p.Time.Value);

    /// <summary>
    /// The Pareto set, read through the noise: q knocks p out only if q is no larger, no slower by the batch's
    /// significance test, and better on one of the two (smaller, or separably faster). Points are taken in ascending
    /// size, and only a point already in the set knocks a later one out: "not separable" does not chain, so a point
    /// knocked out itself cannot take another with it (rlist ~ order8 ~ phyr16 in time, rlist and phyr16 separable,
    /// keeps phyr16). In ascending size.
    /// </summary>
    public static List<TradeOffPoint> ParetoSet(BatchResults results, List<TradeOffPoint> points) =>
        ParetoSet(points, (a, b) => results.Compare(a, b).Kind);

    /// <summary>The same, with <paramref name="compare"/> giving the second estimate's change against the first.</summary>
    public static List<TradeOffPoint> ParetoSet(List<TradeOffPoint> points, Func<CaseEstimate, CaseEstimate, ChangeKind> compare)
    {
        bool Beats(TradeOffPoint q, TradeOffPoint p)
        {
            if (q.BytesPerPage > p.BytesPerPage)
                return false;
            ChangeKind time = compare(p.Time, q.Time);   // q's time against p's
            bool noSlower = time is ChangeKind.Faster or ChangeKind.Same || (time == ChangeKind.Unknown && q.Time.Value <= p.Time.Value);
            bool faster = time == ChangeKind.Faster || (time == ChangeKind.Unknown && q.Time.Value < p.Time.Value);
            return noSlower && (q.BytesPerPage < p.BytesPerPage || faster);
        }
        var set = new List<TradeOffPoint>();
        foreach (TradeOffPoint p in points.OrderBy(p => p.BytesPerPage).ThenBy(p => p.Time.Value))
            if (!set.Any(q => Beats(q, p)))
                set.Add(p);
        return set;
    }

    public static string Names(List<TradeOffPoint> set) => set.Count == 0 ? Cells.NotApplicable : string.Join(", ", set.Select(p => p.Encoding));

    static string Densest(BatchResults results, PageListKey list) => Verdicts.Densest(results, list)?.ToString(" = ") ?? Cells.NotApplicable;

    /// <summary>The encoding with the lowest estimate among results, and any other within the batch's separation threshold of it.</summary>
    public static string Fastest(BatchResults results, string operation, PageListKey list)
    {
        Verdicts.Fastest f = Verdicts.FastestOf(results, operation, list);
        if (f.Best is not { } best)
            return f.Missing;
        string unit = results.Case(operation, best.Encoding, list)?.Unit ?? "page";
        return $"{best.Encoding} {Cells.Ns(best.Estimate.Value)}/{unit}"
            + (f.Ties.Count > 0 ? $" (not separable from {string.Join(", ", f.Ties)})" : "")
            + (f.LowerBelowResolution.Count > 0 ? $" ({string.Join(", ", f.LowerBelowResolution)} lower, below resolution)" : "")
            + (f.NotRun > 0 ? $" ({f.NotRun} of {f.Planned} not run)" : "");
    }
}
