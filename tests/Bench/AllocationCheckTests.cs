using BenchSuite.Bench.Batch;
using BenchSuite.Reports.Results;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>A steady allocation rate across cases is another thread's, said once; a case above it is named as its own.</summary>
public sealed class AllocationCheckTests
{
    static BatchCase Case(string operation, int i, double invocationNs, long allocated) =>
        new($"{operation}/e{i}/rdma-4k/1G", operation, $"e{i}", "rdma-4k", "1G", 1UL << 30, 262144, "page", 262144, CaseStatus.Measured, null, 1, [],
            1.0, 0.9, 1.1, invocationNs, null, allocated);

    /// <summary>20 cases from 1 to 20 ms, each allocating 1.2 B per µs of its time, as seen in some full batches.</summary>
    static List<BatchCase> Background() =>
        Enumerable.Range(0, 20).Select(i => Case("Iterate", i, 1_000_000 + i * 1_000_000.0, (long)((1_000_000 + i * 1_000_000.0) / 1000 * 1.2))).ToList();

    [Fact]
    public void ASteadyRateIsReportedOnceAsTheProcesss()
    {
        AllocationCheck.Finding f = AllocationCheck.Of(Background());
        Assert.InRange(f.BackgroundBytesPerUs!.Value, 1.1, 1.3);
        Assert.Equal(20, f.BackgroundCases);
        Assert.Empty(f.Allocating);
    }

    [Fact]
    public void ACaseAboveTheRateIsItsOwn()
    {
        var cases = Background();
        cases.Add(Case("DmaMap:iommu", 99, 1_000_000, 48_000));   // 48 B per µs
        cases.Add(Case("Build", 98, 1_000_000, 48_000));          // Build allocates what it builds
        AllocationCheck.Finding f = AllocationCheck.Of(cases);
        Assert.Equal("DmaMap:iommu/e99/rdma-4k/1G", Assert.Single(f.Allocating).Id);
    }

    [Fact]
    public void WithoutASteadyRateEveryAllocatingCaseIsNamed()
    {
        var cases = Enumerable.Range(0, 20).Select(i => Case("Iterate", i, 2_000_000, i < 3 ? 64 : 0)).ToList();
        AllocationCheck.Finding f = AllocationCheck.Of(cases);
        Assert.Null(f.BackgroundBytesPerUs);
        Assert.Equal(3, f.Allocating.Count);
    }
}
