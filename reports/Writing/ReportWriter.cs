using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Writing;

/// <summary>
/// Writes a results folder's report into its <c>report/</c> folder: <c>index.html</c>, <c>report.md</c>,
/// <c>summary.txt</c> and one <c>.svg</c> per chart, each atomically. The same folder always gives the same bytes;
/// charts of an earlier report that this one no longer draws are removed.
/// </summary>
public static class ReportWriter
{
    public const string FolderName = "report";
    public const string HtmlFile = "index.html", MarkdownFile = "report.md", SummaryFile = "summary.txt";

    /// <summary>Reads the folder (and the baseline), writes the report, and returns the report folder's path.</summary>
    public static string Write(string resultsDirectory, string? baselineDirectory = null)
    {
        BatchResults results = BatchResults.Load(resultsDirectory);
        BatchResults? baseline = baselineDirectory is null ? null : BatchResults.Load(baselineDirectory);
        ReportDocument document = ReportBuilder.Build(results, baseline);

        string folder = Path.Combine(results.Path, FolderName);
        Directory.CreateDirectory(folder);
        var charts = document.Charts.ToList();
        foreach (Chart chart in charts)
            AtomicFile.WriteAllText(Path.Combine(folder, chart.FileName), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SvgChart.Render(chart));
        var current = charts.Select(c => c.FileName).ToHashSet();
        foreach (string stale in Directory.EnumerateFiles(folder, "*.svg").Where(f => !current.Contains(Path.GetFileName(f))))
            File.Delete(stale);
        AtomicFile.WriteAllText(Path.Combine(folder, MarkdownFile), MarkdownRenderer.Render(document));
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile), TextRenderer.Render(document));
        AtomicFile.WriteAllText(Path.Combine(folder, HtmlFile), HtmlRenderer.Render(document));
        return folder;
    }
}
