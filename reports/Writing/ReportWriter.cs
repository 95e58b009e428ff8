using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Writing;

/// <summary>
/// Writes a results folder's report into its <c>report/</c> folder: <c>index.html</c>, <c>report.md</c>,
/// <c>summary.txt</c> and an <c>.svg</c> and a <c>.png</c> per chart (drawn by ScottPlot), as one folder swapped in whole. The same folder always gives the
/// same bytes.
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
        string folder = Path.Combine(results.Path, FolderName);
        WriteDocument(ReportBuilder.Build(results, baseline), folder);
        return folder;
    }

    /// <summary>One report over results folders from several hosts, written to <paramref name="reportDirectory"/>.</summary>
    public static string WriteHosts(IReadOnlyList<string> resultsDirectories, string reportDirectory)
    {
        var folders = resultsDirectories.Select(d => BatchResults.Load(d)).ToList();
        string folder = Path.GetFullPath(reportDirectory);
        // The report replaces the folder whole: never a results folder, or anything but an earlier report.
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()
            && (File.Exists(Path.Combine(folder, BatchFile.FileName)) || !File.Exists(Path.Combine(folder, HtmlFile))))
            throw new InvalidDataException($"{folder}: not empty and not an earlier report; the report would replace it (name a new folder)");
        WriteDocument(ReportBuilder.BuildHosts(folders), folder);
        return folder;
    }

    static void WriteDocument(ReportDocument document, string folder)
    {
        // Built beside the folder and swapped in whole, so a process killed while writing leaves the old report or the
        // new one, never a mix of the two (a leftover build is removed by the next run, see AtomicFile.RemoveLeftovers).
        string building = AtomicFile.TemporaryOf(folder);
        try
        {
            if (Directory.Exists(building))
                Directory.Delete(building, recursive: true);
            Directory.CreateDirectory(building);
            var charts = new Dictionary<string, RenderedChart>();
            foreach (Chart chart in document.Charts)
            {
                RenderedChart drawn = charts[chart.Id] = ChartRenderer.Render(chart);
                File.WriteAllText(Path.Combine(building, chart.SvgFile), drawn.Svg);
                File.WriteAllBytes(Path.Combine(building, chart.PngFile), drawn.Png);
            }
            File.WriteAllText(Path.Combine(building, MarkdownFile), MarkdownRenderer.Render(document));
            File.WriteAllText(Path.Combine(building, SummaryFile), TextRenderer.Render(document));
            File.WriteAllText(Path.Combine(building, HtmlFile), HtmlRenderer.Render(document, charts));
            Replace(folder, building);
        }
        catch (Exception e)
        {
            if (Directory.Exists(building))
                Directory.Delete(building, recursive: true);
            if (IoProblem.Is(e))
                throw IoProblem.Of(folder, "write the report", e);
            throw;
        }
    }

    /// <summary>Puts the built folder in the place of <paramref name="folder"/>: the old one is moved aside, then removed.</summary>
    static void Replace(string folder, string built)
    {
        string old = built + "-old";
        if (Directory.Exists(old))
            Directory.Delete(old, recursive: true);
        if (Directory.Exists(folder))
            Directory.Move(folder, old);
        Directory.Move(built, folder);
        if (Directory.Exists(old))
            Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// Removes a results folder's report: a run changes the results, so a report from before it would show figures
    /// the folder no longer holds if the run were killed before it writes the new one.
    /// </summary>
    public static void Remove(string resultsDirectory)
    {
        string folder = Path.Combine(resultsDirectory, FolderName);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
