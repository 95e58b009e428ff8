using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>Bad input gets one line naming the problem, exit code 2, and no stack trace.</summary>
public sealed class CliErrorTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    static void AssertOneLineExit2(CliRunner.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.StderrLines);
        Assert.Contains(expected, line);
        Assert.StartsWith("benchsuite: ", line);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [MemberData(nameof(PageTraceTests.Malformed), MemberType = typeof(PageTraceTests))]
    public void MalformedTraceIsOneLineAndExit2(string name, string content, int line, string problem)
    {
        string path = _files.Write(name.Replace(' ', '-') + ".trace", content);
        AssertOneLineExit2(CliRunner.Run("density", "--trace", path), $"{path}:{line}: ");
        AssertOneLineExit2(CliRunner.Run("density", "--trace", path, "--json"), problem);
    }

    [Fact]
    public void MissingTraceIsOneLineAndExit2() =>
        AssertOneLineExit2(CliRunner.Run("density", "--trace", _files.PathOf("nope.trace")), "nope.trace: no such file");

    [Theory]
    [InlineData("unknown encoding 'sg'", "density", "--encodings", "sg")]
    [InlineData("unknown scenario 'rdma'", "density", "--scenarios", "rdma")]
    [InlineData("--sizes '12Q' is not a positive size", "density", "--sizes", "12Q")]
    [InlineData("--sizes '0' is not a positive size", "density", "--sizes", "0")]
    [InlineData("unknown option '--size'", "density", "--size", "1G")]
    [InlineData("option '--sizes' needs a value", "density", "--sizes")]
    [InlineData("--seed 'x' is not", "density", "--seed", "x")]
    [InlineData("unknown verb 'dense'", "dense")]
    [InlineData("unknown profile 'slow'", "run", "--profile", "slow")]
    [InlineData("unknown operation 'Walk'", "run", "--operations", "Walk", "--out", "/nonexistent/never")]
    [InlineData("unknown encoding 'sg'", "run", "--encodings", "sg")]
    [InlineData("--resume takes the batch's own options from batch.json; drop --sizes", "run", "--resume", "x", "--sizes", "1M")]
    [InlineData("not a results folder (no batch.json)", "run", "--resume", "/nonexistent/batch")]
    [InlineData("not a results folder (no batch.json)", "run", "--baseline", "/nonexistent/batch")]
    [InlineData("--rounds '0' is not a whole number from 1 to 1000", "run", "--rounds", "0", "--out", "/nonexistent/never")]
    [InlineData("--rounds: the dry profile times nothing, so it runs one round", "run", "--profile", "dry", "--rounds", "3", "--out", "/nonexistent/never")]
    [InlineData("--order-seed '-1' is not a non-negative integer", "run", "--order-seed", "-1", "--out", "/nonexistent/never")]
    [InlineData("is larger than the 52-bit physical address space the suite models", "density", "--sizes", "18446744073709551615")]
    [InlineData("is larger than the 52-bit physical address space the suite models", "run", "--sizes", "16777215T", "--out", "/nonexistent/never")]
    [InlineData("--sizes 5T: a list of at most 4T is built", "density", "--sizes", "5T")]
    [InlineData("rdma-4k 4T: a case would hold about 160 GiB (160 B per pinned page)", "run", "--scenarios", "rdma-4k", "--sizes", "4T", "--out", "/nonexistent/never")]
    [InlineData("density: option '--trace' needs a value (it was given an empty one)", "density", "--trace", "")]
    [InlineData("--scenarios 'trace:' names no file", "density", "--scenarios", "trace:")]
    [InlineData("run: option '--out' needs a value (it was given an empty one)", "run", "--profile", "dry", "--out", "")]
    [InlineData("density: option '--sizes' lists nothing", "density", "--sizes", ",")]
    [InlineData("run: option '--operations' lists nothing", "run", "--operations", ",", "--out", "/nonexistent/never")]
    [InlineData("--mappers none stands alone", "density", "--mappers", "none,iommu")]
    [InlineData("density: option '--json' is a switch and takes no value", "density", "--json=yes")]
    [InlineData("capture: --range '0-0x10000000000' spans 1T; capture at most 64G at a time", "capture", "--pid", "1", "--range", "0-0x10000000000")]
    [InlineData("capture: --range needs --pid", "capture", "--range", "0-4096")]
    [InlineData("--size must be a positive multiple of 4096", "capture", "--size", "1000")]
    public void BadArgumentsAreOneLineAndExit2(string expected, params string[] args) =>
        AssertOneLineExit2(CliRunner.Run(args), expected);

    [Fact]
    public void RunRefusesAFolderThatIsNotEmpty()
    {
        _files.Write("stale.txt", "an earlier batch");
        AssertOneLineExit2(CliRunner.Run("run", "--profile", "dry", "--out", _files.Directory), "already exists and is not empty");
        Assert.Equal(["stale.txt"], Directory.GetFileSystemEntries(_files.Directory).Select(Path.GetFileName));
    }

    /// <summary>.NET said "Could not find a part of the path '…/sub/bdn'" and, for stdout, only "No space left on device".</summary>
    [Fact]
    public void AFileInPlaceOfAFolderAndAFullStandardOutputAreNamed()
    {
        string file = _files.Write("afile", "not a folder");
        AssertOneLineExit2(CliRunner.Run("run", "--profile", "dry", "--out", Path.Combine(file, "sub")), $"cannot create the results folder ({file} is a file, not a folder)");

        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"dotnet '{Path.Combine(AppContext.BaseDirectory, "BenchSuite.Bench.dll")}' list > /dev/full");
        using var process = System.Diagnostics.Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("benchsuite: standard output: cannot write (no space left on device)", stderr.Trim());
    }
}
