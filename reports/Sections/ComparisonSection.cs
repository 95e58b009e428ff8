using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// DESIGN.md §7.6: every case measured in both batches (matched on its permanent id) classified faster, slower or
/// same by <see cref="Change"/>, with the ratio of medians; a strip chart of the ratios per encoding and page list;
/// the changed cases in the summary and every case in the page.
/// </summary>
public static class ComparisonSection
{
    public sealed record CaseChange(string Id, string Encoding, PageListKey List, double BaselineMedian, double CurrentMedian, Change Change);

    /// <summary>The cases measured in both, and the threshold applied: the larger of the given one and the noise floor.</summary>
    public sealed record Comparison(IReadOnlyList<CaseChange> Changes, double NoiseFloor, double Threshold);

    public static Comparison Compare(BatchResults current, BatchResults baseline, double threshold = Change.DefaultThreshold)
    {
        var pairs = current.Batch.Cases
            .Where(c => current.Estimates.ContainsKey(c.Id) && baseline.Estimates.ContainsKey(c.Id))
            .Select(c => (Case: c, Current: current.Estimates[c.Id], Baseline: baseline.Estimates[c.Id]))
            .ToList();
        double floor = NoiseFloor.Of(pairs.Select(p => p.Current.Median / p.Baseline.Median).ToList());
        double applied = Math.Max(threshold, floor);
        var changes = pairs.Select(x => new CaseChange(x.Case.Id, x.Case.Encoding, new PageListKey(x.Case.Scenario, x.Case.Size, x.Case.PinnedBytes, x.Case.Pages),
            x.Baseline.Median, x.Current.Median, Change.Of(x.Baseline, x.Current, applied))).ToList();
        return new Comparison(changes, floor, applied);
    }

    public static IReadOnlyList<Section> Build(BatchResults current, BatchResults baseline)
    {
        Comparison comparison = Compare(current, baseline);
        var changes = comparison.Changes;
        string name = Path.GetFileName(baseline.Path);
        int onlyHere = current.Estimates.Keys.Count(id => !baseline.Estimates.ContainsKey(id));
        var counts = Enum.GetValues<ChangeKind>().Select(k => (Kind: k, Count: changes.Count(c => c.Change.Kind == k))).Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {Change.WordOf(x.Kind)}");
        var blocks = new List<Block>
        {
            new Paragraph($"Baseline: {name} (commit {baseline.Environment.GitCommit ?? "unknown"}, profile {baseline.Batch.Profile}). "
                + $"Each case measured in both is tested with Perfolizer's equivalence test (two one-sided Mann-Whitney tests at the 5% level) "
                + $"with a relative threshold of {Change.Percent(comparison.Threshold)}: the larger of {Change.Percent(Change.DefaultThreshold)} and the "
                + $"batch-to-batch noise floor, {Change.Percent(comparison.NoiseFloor)} here (three robust standard deviations of the ratios of all "
                + "compared cases: a case's iterations share one setup in one process, and two runs of the same case differ by more than its iterations do). "
                + $"Ratio = this batch's median over the baseline's. {changes.Count} cases compared: {string.Join(", ", counts)}."
                + (onlyHere > 0 ? $" {onlyHere} cases measured here have no baseline measurement." : "")),
        };
        var lists = changes.Select(c => c.List).Distinct().ToList();
        var series = current.Encodings.Select(e => new ChartSeries(e, changes.Where(c => c.Encoding == e)
            .Select(c => new ChartPoint(lists.IndexOf(c.List), c.Change.Ratio)).ToList())).ToList();
        blocks.Add(new Figure(new Chart("comparison", $"This batch against {name}: median ratio per case", ChartKind.Dots,
            new Axis("page list"), new Axis("current / baseline median", AxisUnit.Ratio, Log: true), series, lists.Select(l => l.ToString()).ToList(),
            Notes: ["One marker per operation; above 1 is slower than the baseline."])));
        var changed = changes.Where(c => c.Change.Kind is ChangeKind.Faster or ChangeKind.Slower).ToList();
        blocks.Add(changed.Count == 0
            ? new Paragraph("No case is significantly faster or slower beyond the threshold.")
            : new Table("Cases that changed", ["case", "baseline", "current", "ratio", "change"], changed.Select(Row).ToList(), TextColumns: [4]));
        var all = new Section("comparison-all", "Comparison, every case", [new Table("Every compared case (ns per page; Seek per seek)",
            ["case", "baseline", "current", "ratio", "change"], changes.Select(Row).ToList(), TextColumns: [4])], InSummary: false);
        return [new Section("comparison", "Comparison with the baseline", blocks), all];
    }

    static IReadOnlyList<string> Row(CaseChange c) =>
        [c.Id, Cells.Number(c.BaselineMedian), Cells.Number(c.CurrentMedian), Cells.Ratio(c.Change.Ratio), c.Change.Word];
}
