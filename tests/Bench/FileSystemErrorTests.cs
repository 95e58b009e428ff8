using System.Diagnostics;
using BenchSuite.Bench.Batch;
using BenchSuite.Reports.Results;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>
/// A read-only file system and a disk that fills during a batch, made with tmpfs mounts (so only as root; elsewhere
/// there is nothing to mount and the tests return): one line naming the folder and the reason, exit 2, and a folder
/// a resume finishes once there is room, each case once.
/// </summary>
public sealed class FileSystemErrorTests : IDisposable
{
    readonly TempFiles _files = new();
    readonly List<string> _mounts = [];

    public void Dispose()
    {
        foreach (string mount in Enumerable.Reverse(_mounts))
            Shell($"umount '{mount}'");
        _files.Dispose();
    }

    static bool Shell(string command)
    {
        using Process p = Process.Start("bash", ["-c", command + " 2>/dev/null"])!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    /// <summary>A tmpfs of <paramref name="size"/> at a new folder, or null when this process cannot mount.</summary>
    string? Mount(string name, string size)
    {
        string path = _files.PathOf(name);
        Directory.CreateDirectory(path);
        if (!Environment.IsPrivilegedProcess || !Shell($"mount -t tmpfs -o size={size} none '{path}'"))
            return null;
        _mounts.Add(path);
        return path;
    }

    static void AssertOneLine(CliRunner.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal(expected, Assert.Single(r.StderrLines, l => l.StartsWith("benchsuite: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AReadOnlyFileSystemIsNamedNotTakenForAnotherWriter()
    {
        if (Mount("ro", "16m") is not { } ro)
            return;
        string batch = Path.Combine(ro, "batch");
        Assert.Equal(0, CliRunner.Run("run", "--profile", "dry", "--encodings", "rlist", "--scenarios", "rdma-4k", "--sizes", "4K",
            "--operations", "Iterate", "--out", batch).ExitCode);
        Assert.True(Shell($"mount -o remount,ro '{ro}'"));

        AssertOneLine(CliRunner.Run("run", "--profile", "dry", "--out", Path.Combine(ro, "new")),
            $"benchsuite: {Path.Combine(ro, "new")}: cannot create the results folder (read-only file system)");
        // Before, the failed open of the lock file read as "another process is writing this results folder".
        AssertOneLine(CliRunner.Run("run", "--resume", batch), $"benchsuite: {batch}: cannot write this results folder (read-only file system)");
        AssertOneLine(CliRunner.Run("report", batch), $"benchsuite: {Path.Combine(batch, "report")}: cannot write the report (read-only file system)");
    }

    [Fact]
    public void ADiskThatFillsDuringABatchLosesNothingAndAResumeFinishesIt()
    {
        if (Mount("full", "160k") is not { } full)
            return;
        string batch = Path.Combine(full, "batch");
        CliRunner.Result filled = CliRunner.Run("run", "--profile", "dry", "--encodings", "rlist,order8", "--scenarios", "rdma-4k", "--out", batch);
        AssertOneLine(filled, $"benchsuite: {Path.Combine(batch, BatchFile.FileName)}: cannot write (no space left on device); "
            + $"every case recorded so far is in {batch}; when it can be written, run --resume {batch}");
        BatchFile stopped = BatchFile.Read(Path.Combine(batch, BatchFile.FileName));
        Assert.Contains(stopped.Cases, c => c.Status == CaseStatus.Planned);

        Assert.True(Shell($"mount -o remount,size=64m '{full}'"));
        Assert.Equal(0, CliRunner.Run("run", "--resume", batch).ExitCode);
        BatchFile done = BatchFile.Read(Path.Combine(batch, BatchFile.FileName));
        Assert.Equal(stopped.Cases.Select(c => c.Id), done.Cases.Select(c => c.Id));
        Assert.All(done.Cases, c => Assert.Contains(c.Status, new[] { CaseStatus.Measured, CaseStatus.NotApplicable }));
        Assert.Empty(Directory.GetFiles(batch, "*.tmp-*", SearchOption.AllDirectories));
    }
}
