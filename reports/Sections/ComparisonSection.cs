using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.6: every case measured in both batches (matched on its permanent id) classified faster, slower or
/// not separable by <see cref="Change"/>, with the ratio of estimates; a strip chart of the ratios per encoding and page
/// list; the changed cases in the summary and every case in the page. Only cases that are results in both batches are
/// compared. The threshold is the largest of 5%, each batch's own noise between placements
/// (<see cref="BatchResults.WithinBatchNoise"/>) and the drift of the whole comparison (<see cref="NoiseFloor.Of"/>).
/// </summary>
public static class ComparisonSection
{
    public sealed record CaseChange(string Id, string Encoding, PageListKey List, double BaselineEstimate, double CurrentEstimate, Change Change);

    /// <summary>The cases that are results in both, the drift between the batches, and the threshold applied.</summary>
    public sealed record Comparison(IReadOnlyList<CaseChange> Changes, double NoiseFloor, double Threshold);

    public static Comparison Compare(BatchResults current, BatchResults baseline, double threshold = Change.DefaultThreshold)
    {
        var pairs = current.Batch.Cases
            .Where(c => IsResult(current, c.Id) && IsResult(baseline, c.Id))
            .Select(c => (Case: c, Current: current.Estimates[c.Id], Baseline: baseline.Estimates[c.Id]))
            .ToList();
        double floor = NoiseFloor.Of(pairs.Select(p => p.Current.Value / p.Baseline.Value).ToList());
        double applied = new[] { threshold, floor, current.WithinBatchNoise, baseline.WithinBatchNoise }.Max();
        var changes = pairs.Select(x => new CaseChange(x.Case.Id, x.Case.Encoding, new PageListKey(x.Case.Scenario, x.Case.Size, x.Case.PinnedBytes, x.Case.Pages),
            x.Baseline.Value, x.Current.Value, Change.Of(x.Baseline, x.Current, applied))).ToList();
        return new Comparison(changes, floor, applied);
    }

    static bool IsResult(BatchResults results, string id) => results.Estimates.ContainsKey(id) && !results.Problems.ContainsKey(id);

    public static IReadOnlyList<Section> Build(BatchResults current, BatchResults baseline)
    {
        Comparison comparison = Compare(current, baseline);
        var changes = comparison.Changes;
        string name = Path.GetFileName(baseline.Path);
        int onlyHere = current.Estimates.Keys.Count(id => !current.Problems.ContainsKey(id) && !IsResult(baseline, id));
        var counts = Enum.GetValues<ChangeKind>().Select(k => (Kind: k, Count: changes.Count(c => c.Change.Kind == k))).Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {Change.WordOf(x.Kind)}");
        var blocks = new List<Block>
        {
            new Paragraph($"Baseline: {name} (commit {baseline.Environment.GitCommit ?? "unknown"}, profile {baseline.Batch.Profile}). "
                + $"Each case that is a result in both is called slower or faster when the ratio of its estimates passes a relative threshold "
                + $"of {Change.Percent(comparison.Threshold)}: the largest of {Change.Percent(Change.DefaultThreshold)}, each batch's "
                + $"noise between placements of one case ({Change.Percent(current.WithinBatchNoise)} here, {Change.Percent(baseline.WithinBatchNoise)} in the baseline) "
                + $"and the drift between the two batches, {Change.Percent(comparison.NoiseFloor)} (three robust standard deviations of the ratios of all "
                + "compared cases, sigma-clipped). Only cases that are results in both batches are compared. "
                + $"Ratio = this batch's estimate over the baseline's. {changes.Count} cases compared: {string.Join(", ", counts)}."
                + (onlyHere > 0 ? $" {onlyHere} results here have no result in the baseline." : "")),
        };
        var lists = changes.Select(c => c.List).Distinct().ToList();
        var series = current.Encodings.Select(e => new ChartSeries(e, changes.Where(c => c.Encoding == e)
            .Select(c => new ChartPoint(lists.IndexOf(c.List), c.Change.Ratio)).ToList())).ToList();
        blocks.Add(new Figure(new Chart("comparison", $"This batch against {name}: ratio per case", ChartKind.Dots,
            new Axis("page list"), new Axis("current / baseline", AxisUnit.Ratio, Log: true), series, lists.Select(l => l.ToString()).ToList(),
            Notes: ["One marker per operation; above 1 is slower than the baseline."], Horizontal: true)));
        var changed = changes.Where(c => c.Change.Kind is ChangeKind.Faster or ChangeKind.Slower).ToList();
        blocks.Add(changed.Count == 0
            ? new Paragraph("No case is faster or slower beyond the threshold.")
            : new Table("Cases that changed", ["case", "baseline", "current", "ratio", "change"], changed.Select(c => Row(current, c)).ToList(), TextColumns: [4]));
        var all = new Section("comparison-all", "Comparison, every case", [new Table("Every compared case (ns per page; Seek per seek)",
            ["case", "baseline", "current", "ratio", "change"], changes.Select(c => Row(current, c)).ToList(), TextColumns: [4])], InSummary: false);
        return [new Section("comparison", "Comparison with the baseline", blocks), all];
    }

    static IReadOnlyList<string> Row(BatchResults current, CaseChange c) =>
        [current.ScenarioNames.ShortCaseId(c.Id), Cells.Number(c.BaselineEstimate), Cells.Number(c.CurrentEstimate), Cells.Ratio(c.Change.Ratio), c.Change.Word];
}
