using System.Diagnostics;
using BenchSuite.Bench.Batch;
using BenchSuite.Reports.Results;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>A batch killed mid-way keeps every measured case, and <c>run --resume</c> finishes it with none lost or repeated.</summary>
public sealed class BatchResumeTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void KilledBatchResumesToACompleteFolder()
    {
        string folder = _files.PathOf("killed");
        string batchPath = Path.Combine(folder, BatchFile.FileName);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "BenchSuite.Bench.dll"), "run", "--profile", "dry",
                     "--scenarios", "rdma-4k,rdma-thp,nvme-dio", "--out", folder })
            start.ArgumentList.Add(arg);

        using (Process run = Process.Start(start)!)
        {
            _ = run.StandardOutput.ReadToEndAsync();
            _ = run.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (Measured(batchPath) < 20 && !run.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(20);
            Assert.False(run.HasExited, "the batch finished before it could be killed");
            run.Kill(entireProcessTree: true);   // SIGKILL: no chance to tidy up
            run.WaitForExit();
        }

        BatchFile killed = BatchFile.Read(batchPath);
        int measuredBefore = killed.Cases.Count(c => c.Status == CaseStatus.Measured);
        Assert.InRange(measuredBefore, 20, killed.Cases.Count - 1);
        Assert.All(killed.Cases.Where(c => c.Status == CaseStatus.Measured), c => Assert.True(File.Exists(Path.Combine(folder, "bdn", Assert.Single(c.BdnFiles)))));

        CliRunner.Result resumed = CliRunner.Run("run", "--resume", folder);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"({killed.Cases.Count - measuredBefore} case rounds to run)", resumed.Stderr);

        BatchFile done = BatchFile.Read(batchPath);
        Assert.Equal(killed.Cases.Select(c => c.Id), done.Cases.Select(c => c.Id));
        Assert.All(done.Cases, c => Assert.Equal(CaseStatus.Measured, c.Status));
        // Cases measured before the kill were not run again.
        static string Outcome(BatchCase c) => $"{c.Id} {string.Join(",", c.BdnFiles)} {c.EstimateNs}";
        Assert.Equal(killed.Cases.Where(c => c.Status == CaseStatus.Measured).Select(Outcome),
            done.Cases.Where(c => killed.Cases.Any(k => k.Id == c.Id && k.Status == CaseStatus.Measured)).Select(Outcome));
        var exports = Directory.GetFiles(Path.Combine(folder, "bdn"), "*.json").Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(done.Cases.SelectMany(c => c.BdnFiles).Order().ToList(), exports);
        Assert.Equal(2, EnvironmentFile.Read(Path.Combine(folder, EnvironmentFile.FileName)).Sessions.Count);
    }

    [Fact]
    public void ASecondWriterOfOneFolderIsRefused()
    {
        string folder = _files.PathOf("locked");
        CliRunner.Result first = CliRunner.Run("run", "--profile", "dry", "--encodings", "rlist", "--scenarios", "rdma-4k", "--sizes", "4K",
            "--operations", "Iterate", "--out", folder);
        Assert.Equal(0, first.ExitCode);

        // Another process holds the folder (here this test; in life a run, or the benchmark process of a killed dotnet run).
        using (ResultsFolder.Open(folder).LockForWriting())
        {
            CliRunner.Result second = CliRunner.Run("run", "--resume", folder);
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("another process is writing this results folder", Assert.Single(second.StderrLines));
        }
        Assert.Equal(0, CliRunner.Run("run", "--resume", folder).ExitCode);
    }

    [Fact]
    public void AResumeRefusesATraceChangedSinceTheBatchBegan()
    {
        string trace = _files.Write("layout.trace", "# pagetrace v1\n0x1000 8\n0x2000 8\n");
        string folder = _files.PathOf("traced");
        Assert.Equal(0, CliRunner.Run("run", "--profile", "dry", "--encodings", "rlist", "--scenarios", $"trace:{trace}", "--operations", "Iterate", "--out", folder).ExitCode);
        Assert.Equal(0, CliRunner.Run("run", "--resume", folder).ExitCode);   // unchanged: resumes

        // Rewritten in place with the same page count: before, the rest of the batch timed it under the old ids.
        File.WriteAllText(trace, "# pagetrace v1\n0x1000 16\n");
        CliRunner.Result resumed = CliRunner.Run("run", "--resume", folder);
        Assert.Equal(2, resumed.ExitCode);
        string line = Assert.Single(resumed.StderrLines);
        Assert.StartsWith($"benchsuite: {trace}: the page list changed since the batch began", line);
    }

    [Fact]
    public void LeftoversOfKilledWritersAreRemovedAndAFolderWithoutABatchIsNotSentToResume()
    {
        string folder = _files.PathOf("litter");
        Assert.Equal(0, CliRunner.Run("run", "--profile", "dry", "--encodings", "rlist", "--scenarios", "rdma-4k", "--sizes", "4K",
            "--operations", "Iterate", "--out", folder).ExitCode);
        string leftover = Path.Combine(folder, "bdn", "Iterate.rlist.rdma-4k.4K.r0.json.tmp-99999");
        File.WriteAllText(leftover, "half a file");
        Assert.Equal(0, CliRunner.Run("run", "--resume", folder).ExitCode);
        Assert.False(File.Exists(leftover));
        // That resume had nothing to run: it is no session of the batch.
        EnvironmentFile environment = EnvironmentFile.Read(Path.Combine(folder, EnvironmentFile.FileName));
        Assert.NotNull(Assert.Single(environment.Sessions).LoadEnd);

        // Killed as it began: a folder with no batch.json, which --resume cannot take; --out must not advise it.
        string begun = _files.PathOf("begun");
        Directory.CreateDirectory(Path.Combine(begun, "bdn"));
        File.WriteAllText(Path.Combine(begun, "environment.json"), "{}");
        CliRunner.Result again = CliRunner.Run("run", "--profile", "dry", "--out", begun);
        Assert.Equal(2, again.ExitCode);
        string line = Assert.Single(again.StderrLines);
        Assert.Contains("holds no batch.json", line);
        Assert.DoesNotContain("--resume", line);
    }

    [Fact]
    public async Task ARunStoppedAtOnceLeavesNoReportOfResultsItChanged()
    {
        string folder = _files.PathOf("interrupted");
        string batchPath = Path.Combine(folder, BatchFile.FileName);
        string report = Path.Combine(folder, "report");

        // One Ctrl-C: the running case finishes and the report shows what was measured.
        using (Process run = StartCli("run", "--profile", "dry", "--scenarios", "rdma-4k,rdma-thp,nvme-dio", "--out", folder))
        {
            WaitUntil(run, () => Measured(batchPath) >= 5);
            Signal(run, "INT");
            Assert.True(run.WaitForExit(60_000));
            Assert.Equal(130, run.ExitCode);
        }
        int before = Measured(batchPath);
        Assert.True(File.Exists(Path.Combine(report, "summary.txt")));

        // Ctrl-C twice while the resume measures more: the process ends at once, and the report of the first session
        // (which no longer matches batch.json) must not be left behind as if it were current.
        using (Process resumed = StartCli("run", "--resume", folder))
        {
            Task<string> stderr = resumed.StandardError.ReadToEndAsync();
            WaitUntil(resumed, () => Measured(batchPath) >= before + 5);
            Signal(resumed, "INT");
            Thread.Sleep(100);
            Signal(resumed, "INT");
            Assert.True(resumed.WaitForExit(60_000));
            Assert.Contains("stopped at once, without a report", await stderr);
        }
        Assert.True(Measured(batchPath) > before);
        Assert.False(Directory.Exists(report), "report/ of the first session survived a session that changed the results");

        // The folder is whole: a resume finishes it and writes the report, and removes a report the kill left half built.
        Assert.Equal(0, CliRunner.Run("run", "--resume", folder).ExitCode);
        Assert.True(File.Exists(Path.Combine(report, "summary.txt")));
        Assert.Empty(Directory.GetFileSystemEntries(folder, "*.tmp-*"));
    }

    static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BenchSuite.Bench.dll"));
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        Process process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    static void WaitUntil(Process process, Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(20);
        Assert.False(process.HasExited, "the batch finished before it could be interrupted");
    }

    static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    static int Measured(string batchPath)
    {
        try
        {
            return File.Exists(batchPath) ? BatchFile.Read(batchPath).Cases.Count(c => c.Status == CaseStatus.Measured) : 0;
        }
        catch (InvalidDataException)
        {
            return 0;   // never half-written, but it may be replaced while read
        }
    }
}
