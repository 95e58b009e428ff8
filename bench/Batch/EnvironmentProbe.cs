using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Batch;

/// <summary>Reads what <c>environment.json</c> records: the machine, the runtime, and the commit being measured.</summary>
public static class EnvironmentProbe
{
    public static EnvironmentFile Capture(BatchFile batch, string commandLine) => new(
        EnvironmentFile.CurrentSchema,
        Cpu(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        $"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}",
        typeof(BenchmarkDotNet.Running.BenchmarkRunner).Assembly.GetName().Version?.ToString(3) ?? "unknown",
        "in-process (BenchmarkDotNet InProcessEmitToolchain), one run per case",
        GitCommit(),
        GitDirty(),
        batch.Profile,
        batch.Options,
        batch.Job,
        [Session(commandLine)]);

    public static BatchSession Session(string commandLine) => new(DateTimeOffset.UtcNow, GitCommit(), GitDirty(), commandLine);

    static string Cpu()
    {
        const string path = "/proc/cpuinfo";
        string? model = File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    static string? GitCommit() => Git("rev-parse HEAD")?.Trim();

    static bool? GitDirty() => Git("status --porcelain --untracked-files=no") is { } status ? status.Length > 0 : null;

    /// <summary>Asks git about the tree the benchmark binaries were built from; null when there is no git or no tree.</summary>
    static string? Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(10_000) && process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
