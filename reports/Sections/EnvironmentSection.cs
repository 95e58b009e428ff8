using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>Where and how the batch ran, so a quoted number can be put in context.</summary>
static class EnvironmentSection
{
    public static Section Build(BatchResults results)
    {
        EnvironmentFile env = results.Environment;
        BatchOptions o = results.Batch.Options;
        string commit = env.GitCommit is null ? "unknown" : env.GitCommit + (env.GitDirty == true ? " (with uncommitted changes)" : "");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "CPU", $"{env.Cpu}, {env.LogicalCores} logical cores" },
            new[] { "OS", env.Os },
            new[] { "runtime", env.Runtime },
            new[] { "BenchmarkDotNet", $"{env.BenchmarkDotNet}, {env.Toolchain}" },
            new[] { "commit", commit },
            new[] { "profile", $"{results.Batch.Profile}: {results.Batch.Job}" },
            new[] { "seed", o.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "sessions", string.Join("; ", env.Sessions.Select(s => $"{s.StartedUtc:yyyy-MM-dd HH:mm} UTC at {s.GitCommit?[..Math.Min(12, s.GitCommit.Length)] ?? "unknown"}")) },
        };
        return new Section("environment", "Environment", [new Table("", ["", "value"], rows, TextColumns: [1])]);
    }
}
