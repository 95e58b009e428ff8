using System.Text.Json;

namespace BenchSuite.Reports.Results;

/// <summary>
/// <c>environment.json</c>: where and how a batch ran, so a number quoted from it can be put in context (DESIGN.md §6).
/// <see cref="Sessions"/> has one entry per <c>run</c> or <c>run --resume</c> that added cases.
/// </summary>
/// <param name="CpuMHz">The clock the kernel reports for CPU 0 (<c>/proc/cpuinfo</c>), null where it reports none.</param>
/// <param name="Hypervisor">The hypervisor the CPU reports (CPUID leaf 0x40000000, as lscpu reads it), "none" on bare metal.</param>
public sealed record EnvironmentFile(
    string Schema,
    string Cpu,
    double? CpuMHz,
    int LogicalCores,
    long? MemoryBytes,
    string? Hypervisor,
    string Os,
    string? KernelRelease,
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
    public const string CurrentSchema = "benchsuite.environment/v2";
    public const string FileName = "environment.json";

    public string Serialize() => JsonSerializer.Serialize(this, ResultsJson.Options);

    public static EnvironmentFile Read(string path) => ResultsJson.Read<EnvironmentFile>(path, CurrentSchema, e => e.Schema);
}

/// <summary>
/// One process that ran cases of the batch: when it started, at which commit, and the one-minute load average when it
/// started and when it ended (null while it runs, or when it was killed).
/// </summary>
public sealed record BatchSession(DateTimeOffset StartedUtc, string? GitCommit, bool? GitDirty, string CommandLine, double? LoadStart, double? LoadEnd);
