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
    public void TheEstimateComesWithAnIntervalAroundIt()
    {
        CaseEstimate e = CaseEstimate.Of(Sample(10, 3));
        Assert.True(e.HasInterval);
        Assert.InRange(e.Value, e.Lower, e.Upper);
        Assert.InRange(e.Value, 9.6, 10.2);
        Assert.False(CaseEstimate.Of([5.0]).HasInterval);
    }

    [Fact]
    public void TheEstimateLandsInTheFastModeOfABimodalSample()
    {
        // This machine's memory speed flips between two modes about 2x apart: a case's iterations are a mixture whose
        // proportion changes from run to run. The low quantile stays in the fast mode while the median jumps.
        double[] Mixture(int slow) => [.. Enumerable.Repeat(1.0, 30 - slow).Select((v, i) => v + i * 0.001), .. Enumerable.Repeat(2.0, slow).Select((v, i) => v + i * 0.001)];
        CaseEstimate mostlyFast = CaseEstimate.Of(Mixture(8)), mostlySlow = CaseEstimate.Of(Mixture(18));
        Assert.InRange(mostlySlow.Value / mostlyFast.Value, 0.95, 1.15);
        Assert.True(Median(Mixture(18)) / Median(Mixture(8)) > 1.8);
    }

    [Fact]
    public void EachRoundKeepsItsOwnValue()
    {
        CaseEstimate e = CaseEstimate.Of([Sample(10, 12), Sample(12, 12), Sample(11, 12)]);
        Assert.Equal(36, e.Values.Count);
        Assert.Equal(3, e.RoundValues.Count);
        Assert.InRange(e.RoundValues[1] / e.RoundValues[0], 1.15, 1.25);
    }

    static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    [Fact]
    public void AnExportWhoseMeasurementIsNotATimeIsRefused()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"Benchmarks":[{"Measurements":[{"IterationMode":"Workload","IterationStage":"Result","Operations":0,"Nanoseconds":5.0}]}]}""");
            Assert.Contains("is not a time", Assert.Throws<InvalidDataException>(() => BdnExport.ReadSample(path)).Message);
            File.WriteAllText(path, """{"Benchmarks":[{"Measurements":[{"IterationMode":"Workload","IterationStage":"Result","Operations":4,"Nanoseconds":-5.0}]}]}""");
            Assert.Contains("is not a time", Assert.Throws<InvalidDataException>(() => BdnExport.ReadSample(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
