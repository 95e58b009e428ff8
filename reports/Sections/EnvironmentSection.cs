using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>Where and how the batch ran, so a quoted number can be put in context.</summary>
public static class EnvironmentSection
{
    public static Section Build(BatchResults results)
    {
        EnvironmentFile env = results.Environment;
        BatchOptions o = results.Batch.Options;
        string commit = env.GitCommit is null ? "unknown" : env.GitCommit + (env.GitDirty == true ? " (with uncommitted changes)" : "");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "CPU", $"{env.Cpu}" + (env.CpuMHz is { } mhz ? $" at {mhz:0} MHz" : "") + $", {env.LogicalCores} logical cores" },
            new[] { "memory", env.MemoryBytes is { } memory ? Cells.Bytes(memory) : "unknown" },
            new[] { "virtual machine", env.Hypervisor switch { null => "unknown", "none" => "no (bare metal)", { } h => $"yes ({h})" } },
            new[] { "OS", env.Os + (env.KernelRelease is { } kernel ? $", kernel {kernel}" : "") },
            new[] { "runtime", env.Runtime },
            new[] { "BenchmarkDotNet", $"{env.BenchmarkDotNet}, {env.Toolchain}" },
            new[] { "commit", commit },
            new[] { "profile", $"{results.Batch.Profile}: {results.Batch.Job}" },
            new[] { "seed", o.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new[] { "rounds", $"{results.Batch.Rounds} per case, each round in its own shuffled order (order seed {results.Batch.OrderSeed})" },
            new[] { "estimator", results.Batch.Estimator },
            new[] { "sessions", string.Join("; ", env.Sessions.Select(Session)) },
        };
        // The one place a trace's full path is written; everywhere else it goes by its file name.
        foreach (string trace in results.Batch.Inputs.Select(i => i.Scenario).Where(s => s != results.ScenarioNames.Short(s)).Distinct())
            rows.Add([results.ScenarioNames.Short(trace), trace["trace:".Length..]]);
        return new Section("environment", "Environment", [new Table("", ["", "value"], rows, TextColumns: [1])]);
    }

    /// <summary>When, at which commit, and the load average at its start and end: the first thing to check in a timing.</summary>
    static string Session(BatchSession s) =>
        $"{s.StartedUtc:yyyy-MM-dd HH:mm} UTC at {s.GitCommit?[..Math.Min(12, s.GitCommit.Length)] ?? "unknown"}, load {Load(s.LoadStart)} to {Load(s.LoadEnd)}";

    static string Load(double? load) => load?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
