using System.Text.Json;

namespace BenchSuite.Reports.Results;

/// <summary>
/// <c>environment.json</c>: where and how a batch ran, so a number quoted from it can be put in context (DESIGN.md §6).
/// <see cref="Sessions"/> has one entry per <c>run</c> or <c>run --resume</c> that added cases.
/// </summary>
public sealed record EnvironmentFile(
    string Schema,
    string Cpu,
    int LogicalCores,
    string Os,
    string Runtime,
    string BenchmarkDotNet,
    string Toolchain,
    string? GitCommit,
    bool? GitDirty,
    string Profile,
    BatchOptions Options,
    string Job,
    IReadOnlyList<BatchSession> Sessions)
{
    public const string CurrentSchema = "benchsuite.environment/v1";
    public const string FileName = "environment.json";

    public string Serialize() => JsonSerializer.Serialize(this, ResultsJson.Options);

    public static EnvironmentFile Read(string path) => ResultsJson.Read<EnvironmentFile>(path, CurrentSchema, e => e.Schema);
}

/// <summary>One process that ran cases of the batch: when it started, and at which commit.</summary>
public sealed record BatchSession(DateTimeOffset StartedUtc, string? GitCommit, bool? GitDirty, string CommandLine);
