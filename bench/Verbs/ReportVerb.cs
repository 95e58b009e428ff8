using BenchSuite.Bench.Cli;
using BenchSuite.Reports.Writing;
using BenchSuite.Workloads;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>report</c>: rebuilds a results folder's report from what it holds, without running anything.</summary>
public static class ReportVerb
{
    public static readonly string Usage = """
        report DIR [--baseline DIR]
        report DIR1 DIR2 [DIR3...] [--out DIR]
          Rebuilds DIR/report/ from DIR's environment.json, batch.json, density.json, sweep.json and bdn/ exports:
          index.html (one self-contained page), report.md, summary.txt (plain text under 80 columns, opening with a
          headline to paste) and an .svg and a .png per chart. Nothing is re-run, and the same folder always gives the
          same files. With several folders, each from its own host (an x86 and an arm server, say), one report sets
          the hosts side by side: density once, each host's times and ratios between encodings, every environment.
          --baseline  an earlier results folder: adds a comparison of every case that is a result in both,
                      faster, slower or not separable by the ratio of their estimates against a threshold: the
                      largest of 5%, each batch's own noise (even against odd rounds) and the drift between the
                      two batches measured from all the cases
          --out       with several folders, where the report goes (default: report-HOST1-HOST2... here)
        """;

    /// <summary><c>report-x86-arm</c> in the current folder, from the folders' names.</summary>
    static string DefaultHostsFolder(IReadOnlyList<string> folders) =>
        "report-" + string.Join("-", folders.Select(f => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)))));

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("report", args, ["baseline", "out"], []);
        if (a.Positionals.Count == 0)
            throw new InputException("report: which results folder? usage: report DIR [--baseline DIR], or report DIR1 DIR2... [--out DIR]");
        if (a.Positionals.Count > 1 && a.Value("baseline") is not null)
            throw new InputException("report: --baseline compares two batches of one host; with several folders, each folder is a host");
        if (a.Positionals.Count == 1 && a.Value("out") is not null)
            throw new InputException("report: --out is for several folders; one folder's report goes in DIR/report");
        string folder = a.Positionals.Count == 1
            ? Write(() => ReportWriter.Write(a.Positionals[0], a.Value("baseline")))
            : Write(() => ReportWriter.WriteHosts(a.Positionals, a.Value("out") ?? DefaultHostsFolder(a.Positionals)));
        Console.Write(File.ReadAllText(Path.Combine(folder, ReportWriter.SummaryFile)));
        Console.WriteLine($"report: {Path.Combine(folder, ReportWriter.HtmlFile)}");
        return 0;
    }

    /// <summary>Writes the report; a missing or corrupt input is bad input (one line, exit 2), not a crash.</summary>
    public static string Write(string results, string? baseline) => Write(() => ReportWriter.Write(results, baseline));

    static string Write(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"report: {e.Message}");
        }
    }
}
