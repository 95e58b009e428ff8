using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchSuite.Workloads.Scenarios;
using Perfolizer.Horology;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// A batch profile for <c>run</c>: which scenarios and sizes by default, and how hard BenchmarkDotNet measures each
/// case. Every profile runs every encoding and operation unless narrowed on the command line.
/// <para>
/// Cases run in this process (BenchmarkDotNet's in-process emit toolchain), one BenchmarkDotNet run per case: no
/// project is generated and built per case, so a case costs its measurement alone, its result is on disk the
/// moment it is done, and an interrupted batch resumes case by case.
/// </para>
/// </summary>
public sealed record BatchProfile(string Name, string Description, IReadOnlyList<string> Scenarios, IReadOnlyList<string> Sizes, Job Job,
    IReadOnlyList<string> SweepSizes)
{
    /// <summary>The footprint sweep's sizes (sweep.json): every 16x from 64 KiB to 1 TiB, built in counting mode.</summary>
    public static readonly IReadOnlyList<string> TerabyteSweep = ["64K", "1M", "16M", "256M", "4G", "64G", "1T"];

    /// <summary>Timing profiles refuse an unoptimized (Debug) build; the dry profile checks the pipeline and times nothing.</summary>
    public bool TimesCases => Name != "dry";

    static Job InProcess(string id) => Job.Default.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId(id).WithLaunchCount(1);

    public static IReadOnlyList<BatchProfile> All { get; } =
    [
        new("quick",
            "the default: every encoding and operation on rdma-4k, rdma-thp, nvme-dio and p2p-mixed at 4 MiB (p2p-mixed alternates 2 MiB of RAM and BAR); short jobs, a few minutes",
            ["rdma-4k", "rdma-thp", "nvme-dio", "p2p-mixed"], ["4M"],
            InProcess("quick").WithWarmupCount(2).WithIterationCount(7).WithIterationTime(TimeInterval.FromMilliseconds(20)),
            TerabyteSweep),
        new("full",
            "every encoding, operation and scenario at 64K, 1M, 64M and 1G; longer jobs, for numbers to quote (about an hour)",
            ScenarioCatalog.Names.ToList(), ["64K", "1M", "64M", "1G"],
            InProcess("full").WithWarmupCount(3).WithIterationCount(12).WithIterationTime(TimeInterval.FromMilliseconds(60)),
            TerabyteSweep),
        new("dry",
            "every encoding and operation on rdma-4k at 64K, one invocation each: checks every case's validation in seconds, times nothing",
            ["rdma-4k"], ["64K"],
            Job.Dry.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId("dry"),
            ["64K", "1M", "16M"]),   // the sweep's path, not its terabytes
    ];

    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static BatchProfile Find(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new Workloads.InputException($"unknown profile '{name}'; known: {string.Join(", ", Names)}");
}
