using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// Reads the allocations BenchmarkDotNet counted for the cases that must allocate nothing. Its count is the whole
/// process's (<c>GC.GetTotalAllocatedBytes</c>), so a thread other than the benchmark's that allocates at a steady rate
/// shows up in every case in proportion to its time. Seen here in some full batches (about 1.2 B per µs in quanta of
/// 1,248 B, from the first cases on; cause not found), never in the suite's per-thread test of every benchmark
/// (<c>GC.GetAllocatedBytesForCurrentThread</c>). Such a background rate is reported once, and only cases above it as
/// their own.
/// </summary>
public static class AllocationCheck
{
    /// <summary>
    /// Cases long enough for their count to give a rate: the background arrives in lumps of about 1.2 KiB, which over a
    /// shorter invocation reads as a rate several times the steady one.
    /// </summary>
    const double RateFloorNs = 1_000_000;

    public sealed record Finding(double? BackgroundBytesPerUs, int BackgroundCases, IReadOnlyList<BatchCase> Allocating);

    public static Finding Of(IReadOnlyList<BatchCase> cases)
    {
        var allocating = cases.Where(BatchRunner.AllocatesInHotLoop).ToList();
        var timed = cases.Where(c => BatchRunner.MustNotAllocate(c) && c.AllocatedBytesPerInvocation is not null && c.InvocationNs >= RateFloorNs).ToList();
        if (allocating.Count == 0 || timed.Count < 10)
            return new(null, 0, allocating);
        double[] rates = [.. timed.Select(Rate).Order()];
        double median = rates[rates.Length / 2];
        // A steady rate: most timed cases allocate, at about the same bytes per microsecond.
        int near = rates.Count(r => r > median / 2 && r < median * 2);
        if (median <= 0 || near < timed.Count * 0.8)
            return new(null, 0, allocating);
        // A case is its own when it allocates beyond four times the background for its time (the lumps and a low
        // percentile's invocation time spread the background's reading up to about 2.5 times); too short to say, not at all.
        var own = allocating.Where(c => c.InvocationNs >= RateFloorNs && Rate(c) >= median * 4).ToList();
        return new(median, allocating.Count - own.Count, own);
    }

    static double Rate(BatchCase c) => c.AllocatedBytesPerInvocation!.Value / (c.InvocationNs!.Value / 1000);
}
