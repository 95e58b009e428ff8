using BenchSuite.Reports.Statistics;
using Xunit;

namespace BenchSuite.Tests.Reports;

public sealed class ChangeTests
{
    static double[] Sample(double median, int seed, double noise = 0.02, int n = 12)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => median * (1 + noise * (random.NextDouble() * 2 - 1))).ToArray();
    }

    static Change Compare(double[] baseline, double[] current) => Change.Of(CaseEstimate.Of(baseline), CaseEstimate.Of(current));

    [Fact]
    public void TheSameDistributionIsTheSame()
    {
        for (int seed = 0; seed < 20; seed++)
            Assert.Equal(ChangeKind.Same, Compare(Sample(10, seed), Sample(10, seed + 100)).Kind);
    }

    [Fact]
    public void AShiftBelowTheThresholdIsTheSame() =>
        Assert.Equal(ChangeKind.Same, Compare(Sample(10, 1), Sample(10.2, 2)).Kind);

    [Fact]
    public void ASlowerCurrentIsSlowerWithTheRatioOfMedians()
    {
        Change change = Compare(Sample(10, 1), Sample(13, 2));
        Assert.Equal(ChangeKind.Slower, change.Kind);
        Assert.InRange(change.Ratio, 1.25, 1.35);
        Assert.Equal(ChangeKind.Faster, Compare(Sample(13, 1), Sample(10, 2)).Kind);
    }

    [Fact]
    public void OneMeasurementCannotBeTested()
    {
        Change change = Compare([10.0], [20.0]);
        Assert.Equal(ChangeKind.Unknown, change.Kind);
        Assert.Equal(2, change.Ratio, 9);
    }

    [Fact]
    public void TheMedianComesWithAnIntervalAroundIt()
    {
        CaseEstimate e = CaseEstimate.Of(Sample(10, 3));
        Assert.True(e.HasInterval);
        Assert.InRange(e.Median, e.Lower, e.Upper);
        Assert.InRange(e.Median, 9.8, 10.2);
        Assert.False(CaseEstimate.Of([5.0]).HasInterval);
    }
}
