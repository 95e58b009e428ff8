using BenchSuite.Bench.Cli;
using BenchSuite.Reports.Writing;
using BenchSuite.Workloads;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>report</c>: rebuilds a results folder's report from what it holds, without running anything.</summary>
public static class ReportVerb
{
    public static readonly string Usage = """
        report DIR [--baseline DIR]
          Rebuilds DIR/report/ from DIR's environment.json, batch.json, density.json, sweep.json and bdn/ exports:
          index.html (one self-contained page), report.md, summary.txt (plain text under 80 columns) and one .svg per
          chart. Nothing is re-run, and the same folder always gives the same files.
          --baseline  an earlier results folder: adds a comparison of every case that is a result in both,
                      faster, slower or not separable by the ratio of their estimates against a threshold: the
                      largest of 5%, each batch's own noise (even against odd rounds) and the drift between the
                      two batches measured from all the cases
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("report", args, ["baseline"], []);
        if (a.Positionals.Count != 1)
            throw new InputException(a.Positionals.Count == 0 ? "report: which results folder? usage: report DIR [--baseline DIR]" : $"report: unexpected argument '{a.Positionals[1]}'");
        string folder = Write(a.Positionals[0], a.Value("baseline"));
        Console.Write(File.ReadAllText(Path.Combine(folder, ReportWriter.SummaryFile)));
        Console.WriteLine($"report: {Path.Combine(folder, ReportWriter.HtmlFile)}");
        return 0;
    }

    /// <summary>Writes the report; a missing or corrupt input is bad input (one line, exit 2), not a crash.</summary>
    public static string Write(string results, string? baseline)
    {
        try
        {
            return ReportWriter.Write(results, baseline);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"report: {e.Message}");
        }
    }
}
