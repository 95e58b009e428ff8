using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchSuite.Workloads.Scenarios;
using Perfolizer.Horology;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// A batch profile for <c>run</c>: which scenarios and sizes by default, and how hard BenchmarkDotNet measures each
/// case. Every profile runs every encoding and operation unless narrowed on the command line.
/// <para>
/// Cases run in this process (BenchmarkDotNet's in-process emit toolchain): no project is generated and built per
/// case, so a case costs its measurement alone, its result is on disk the moment it is done, and an interrupted
/// batch resumes where it stopped. Each case runs in <see cref="Rounds"/> rounds, each a BenchmarkDotNet run with
/// its own setup (a new placement of the list in memory), and every round visits the cases in a new shuffled order:
/// a case's sample spans placements and moments of the batch, and the encodings of one page list meet the same
/// machine states. Overhead is not evaluated and subtracted: every case does at least 100 ns of work per
/// invocation, so the call overhead (about 1 ns) is part of the time, never a difference of two noisy numbers.
/// </para>
/// </summary>
/// <param name="Job">The first round's job: its pilot stage picks the invocations per iteration for
/// <paramref name="IterationTime"/>; later rounds repeat that count exactly (<see cref="JobFor"/>).</param>
public sealed record BatchProfile(string Name, string Description, IReadOnlyList<string> Scenarios, IReadOnlyList<string> Sizes,
    int Rounds, Job Job, IReadOnlyList<string> SweepSizes)
{
    /// <summary>The footprint sweep's sizes (sweep.json): every 16x from 64 KiB to 1 TiB, built in counting mode.</summary>
    public static readonly IReadOnlyList<string> TerabyteSweep = ["64K", "1M", "16M", "256M", "4G", "64G", "1T"];

    /// <summary>Timing profiles refuse an unoptimized (Debug) build; the dry profile checks the pipeline and times nothing.</summary>
    public bool TimesCases => Name != "dry";

    /// <summary>The job of one round: the profile's, with the case's invocations per iteration once known.</summary>
    public Job JobFor(long? invocationsPerIteration) =>
        TimesCases && invocationsPerIteration is { } invocations ? Job.WithInvocationCount((int)invocations) : Job;

    static Job Timing(string id, int warmups, int iterations, double iterationMs) => Job.Default
        .WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId(id).WithLaunchCount(1)
        .WithWarmupCount(warmups).WithIterationCount(iterations).WithIterationTime(TimeInterval.FromMilliseconds(iterationMs))
        .WithUnrollFactor(1).WithMinInvokeCount(1).WithEvaluateOverhead(false).WithGcForce(false);

    public static IReadOnlyList<BatchProfile> All { get; } =
    [
        new("quick",
            "the default: every encoding and operation on rdma-4k, rdma-thp, nvme-dio and p2p-mixed at 1 GiB pinned (an RDMA registration; p2p-mixed alternates 2 MiB of RAM and BAR); 6 rounds of 3 short iterations, about 3 minutes (4 with the build)",
            ["rdma-4k", "rdma-thp", "nvme-dio", "p2p-mixed"], ["1G"],
            6, Timing("quick", warmups: 1, iterations: 3, iterationMs: 4),
            TerabyteSweep),
        new("full",
            "every encoding, operation and scenario at 1M, 64M and 1G; 16 rounds of 3 short iterations, for numbers to quote (about 40 minutes)",
            ScenarioCatalog.Names.ToList(), ["1M", "64M", "1G"],
            16, Timing("full", warmups: 1, iterations: 3, iterationMs: 4),
            TerabyteSweep),
        new("dry",
            "every encoding and operation on rdma-4k at 64K, one invocation each: checks every case's validation in seconds, times nothing",
            ["rdma-4k"], ["64K"],
            1, Job.Dry.WithToolchain(InProcessEmitToolchain.DontLogOutput).WithId("dry"),
            ["64K", "1M", "16M"]),   // the sweep's path, not its terabytes
    ];

    public static IEnumerable<string> Names => All.Select(p => p.Name);

    public static BatchProfile Find(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new Workloads.InputException($"unknown profile '{name}'; known: {string.Join(", ", Names)}");
}
