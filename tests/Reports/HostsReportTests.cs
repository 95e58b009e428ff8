using BenchSuite.Reports.Results;
using BenchSuite.Reports.Writing;
using BenchSuite.Tests.Bench;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Reports;

/// <summary><c>report DIR1 DIR2</c>: results folders from several hosts in one report, matched by case id.</summary>
public sealed class HostsReportTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TwoHostsSideBySideWithDensityOnceAndEachEnvironment()
    {
        string x86 = SyntheticResults.Write(_files.PathOf("x86"), seed: 1);
        string arm = SyntheticResults.Write(_files.PathOf("arm"), seed: 2, slowEncoding: "rlist", slowdown: 2);
        string folder = ReportWriter.WriteHosts([x86, arm], _files.PathOf("out"));
        string summary = File.ReadAllText(Path.Combine(folder, ReportWriter.SummaryFile));

        Assert.Contains("Environment: x86", summary);
        Assert.Contains("Environment: arm", summary);
        Assert.Contains("Density does not depend on the host", summary);
        Assert.Single(summary.Split('\n'), l => l.StartsWith("Bytes per pinned page, 4M pinned", StringComparison.Ordinal));
        // Every shared case of every host, the times and the ratios to scatterlist, per page list.
        foreach (string host in new[] { "x86", "arm" })
        foreach (string operation in SyntheticResults.Operations)
            Assert.Contains($"{operation} @{host}", summary);
        Assert.Contains("time over scatterlist's, per host", summary);
        // arm's rlist is twice as slow: its ratio to scatterlist doubles there and not on x86.
        double Ratio(string host) => double.Parse(RatioRow(summary, "rdma-4k 4M", $"Iterate @{host}")[SyntheticResults.Encodings.ToList().IndexOf("rlist") + 1].TrimEnd('x'),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(Ratio("arm") / Ratio("x86"), 1.8, 2.2);
        Assert.True(File.Exists(Path.Combine(folder, "hosts-time-rdma-4k-4M.svg")));
        Assert.True(File.Exists(Path.Combine(folder, "hosts-time-rdma-4k-4M.png")));
        Assert.DoesNotContain("do not share a profile", summary);

        // The same folders give the same report, byte for byte.
        var first = Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        ReportWriter.WriteHosts([x86, arm], _files.PathOf("out"));
        Assert.All(Directory.GetFiles(folder), f => Assert.Equal(first[Path.GetFileName(f)], File.ReadAllBytes(f)));
    }

    [Fact]
    public void FoldersThatDoNotShareAProfileOrCasesSaySo()
    {
        string quick = SyntheticResults.Write(_files.PathOf("quick"), seed: 1);
        string other = SyntheticResults.Write(_files.PathOf("other"), seed: 2);
        string batchPath = Path.Combine(other, BatchFile.FileName);
        BatchFile batch = BatchFile.Read(batchPath);
        File.WriteAllText(batchPath, (batch with { Profile = "full", Cases = batch.Cases.Where(c => !c.Id.StartsWith("Build/", StringComparison.Ordinal)).ToList() }).Serialize());

        string summary = File.ReadAllText(Path.Combine(ReportWriter.WriteHosts([quick, other], _files.PathOf("out")), ReportWriter.SummaryFile));
        Assert.Contains("do not share a profile (quick: quick, other: full)", summary);
        Assert.Contains($"{SyntheticResults.Encodings.Length * SyntheticResults.Scenarios.Length} cases of quick are in no other folder", summary);
        Assert.DoesNotContain("Build @", summary);
    }

    [Fact]
    public void TheCliTakesSeveralFoldersAndRefusesABaselineWithThem()
    {
        string a = SyntheticResults.Write(_files.PathOf("a"), seed: 1), b = SyntheticResults.Write(_files.PathOf("b"), seed: 2);
        CliRunner.Result both = CliRunner.Run("report", a, b, "--out", _files.PathOf("ab"));
        Assert.Equal(0, both.ExitCode);
        Assert.True(File.Exists(Path.Combine(_files.PathOf("ab"), ReportWriter.HtmlFile)));

        CliRunner.Result baseline = CliRunner.Run("report", a, b, "--baseline", a);
        Assert.Equal(2, baseline.ExitCode);
        Assert.Contains("--baseline", Assert.Single(baseline.StderrLines));
        // --out never replaces a results folder, or anything but an earlier report.
        CliRunner.Result overResults = CliRunner.Run("report", a, b, "--out", a);
        Assert.Equal(2, overResults.ExitCode);
        Assert.Contains("not an earlier report", Assert.Single(overResults.StderrLines));
        Assert.True(File.Exists(Path.Combine(a, BatchFile.FileName)));
        Assert.Equal(0, CliRunner.Run("report", a, b, "--out", _files.PathOf("ab")).ExitCode);   // an earlier report is replaced

        CliRunner.Result missing = CliRunner.Run("report", a, _files.PathOf("nowhere"), "--out", _files.PathOf("x"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.StderrLines);
    }

    /// <summary>The cells of one row of a page list's ratio table in the summary.</summary>
    static string[] RatioRow(string summary, string list, string row)
    {
        string[] lines = summary.Split('\n');
        int table = Array.FindIndex(lines, l => l.StartsWith($"{list}: time over", StringComparison.Ordinal));
        string line = lines.Skip(table).First(l => l.StartsWith(row + " ", StringComparison.Ordinal));
        return [row, .. line[row.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t != "~")];
    }
}
