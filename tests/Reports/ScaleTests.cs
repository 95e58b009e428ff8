using BenchSuite.Reports.Charts;
using Xunit;

namespace BenchSuite.Tests.Reports;

public sealed class ScaleTests
{
    [Fact]
    public void LogTicksArePowersOfTen()
    {
        Scale scale = Scale.Log([3, 42, 4500]);
        Assert.Equal([1, 10, 100, 1000, 10000], scale.Ticks);
        Assert.Equal((1, 10000), (scale.Min, scale.Max));
        Assert.Equal(0.5, scale.Fraction(100), 9);
    }

    [Fact]
    public void LogTicksBelowOneStayExactPowersOfTen()
    {
        Scale scale = Scale.Log([0.00233, 0.0121, 2.06], AxisUnit.Nanoseconds);
        Assert.Equal([0.001, 0.01, 0.1, 1, 10], scale.Ticks);
        Assert.Equal(["1 ns", "10 ns", "100 ns", "1 µs"], new[] { 1.0, 10, 100, 1000 }.Select(v => UnitFormat.Format(v, AxisUnit.Nanoseconds)));
    }

    [Fact]
    public void ManyDecadesTickEveryFewDecadesButStillAtPowersOfTen()
    {
        Scale scale = Scale.Log([1e-6, 1e9]);
        Assert.True(scale.Ticks.Count <= 9);
        Assert.All(scale.Ticks, t => Assert.Equal(Math.Round(Math.Log10(t)), Math.Log10(t), 9));
    }

    [Fact]
    public void ByteLogTicksArePowersOf1024WhenTheSpanIsLarge()
    {
        Scale scale = Scale.Log([500, 3e12], AxisUnit.Bytes);
        Assert.Equal([1024, 1 << 20, 1 << 30, 1L << 40], scale.Ticks.Select(t => (long)t));
        Assert.Equal(["1 KiB", "1 MiB", "1 GiB", "1 TiB"], scale.Ticks.Select(t => UnitFormat.Format(t, AxisUnit.Bytes)));
        // The axis starts and ends at the data's own powers of two, not at the ticks' stride.
        Assert.Equal((256, 1L << 42), (scale.Min, (long)scale.Max));
    }

    [Theory]
    [InlineData(7.3, 2)]
    [InlineData(0.93, 0.2)]
    [InlineData(13, 5)]
    [InlineData(1234, 500)]
    [InlineData(40, 10)]
    public void LinearTicksStepBy1Or2Or5TimesAPowerOfTen(double max, double step)
    {
        Scale scale = Scale.Linear([0.1 * max, max]);
        Assert.Equal(0, scale.Min);
        Assert.True(scale.Max >= max);
        for (int i = 1; i < scale.Ticks.Count; i++)
            Assert.Equal(step, scale.Ticks[i] - scale.Ticks[i - 1], 9);
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
        Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2, 5 });
    }

    [Fact]
    public void LinearTickLabelsAreExactDecimals()
    {
        Scale scale = Scale.Linear([0.3]);
        Assert.Equal(["0", "0.1", "0.2", "0.3"], scale.Ticks.Select(UnitFormat.Number));
        Assert.Equal(["0", "0.02", "0.04", "0.06", "0.08"], Scale.Linear([0.07]).Ticks.Select(UnitFormat.Number));
    }

    [Fact]
    public void ASinglePointOrNoPointStillMakesAScale()
    {
        Scale one = Scale.Linear([5], includeZero: false);
        Assert.True(one.Min < 5 && one.Max > 5);
        Scale none = Scale.Linear([]);
        Assert.Equal((0, 1), (none.Min, none.Max));
        Scale log = Scale.Log([7]);
        Assert.True(log.Min <= 7 && log.Max > 7);
        Assert.Equal((1, 10), (Scale.Log([]).Min, Scale.Log([]).Max));
    }

    [Fact]
    public void ALogScaleWithinOneDecadeTicksAt1And2And5()
    {
        // Ratios of 0.6 to 1.8: 0.5 to 2, not 0.1 to 10, where the spread would fill a fifth of the axis.
        Scale scale = Scale.Log([0.6, 1.1, 1.8], AxisUnit.Ratio);
        Assert.Equal((0.5, 2), (scale.Min, scale.Max));
        Assert.Equal([0.5, 1, 2], scale.Ticks);
    }

    [Fact]
    public void LogScalesRefuseZeroNegativeAndNaN()
    {
        Scale scale = Scale.Log([0, -1, double.NaN, 10, 100]);
        Assert.Equal((10, 100), (scale.Min, scale.Max));
        Assert.False(scale.Accepts(0));
        Assert.False(scale.Accepts(-1));
        Assert.False(scale.Accepts(double.NaN));
        Assert.True(scale.Accepts(1e-9));
    }

    [Theory]
    [InlineData(0, AxisUnit.Bytes, "0 B")]
    [InlineData(1536, AxisUnit.Bytes, "1.5 KiB")]
    [InlineData(4.0 * (1L << 40), AxisUnit.Bytes, "4 TiB")]
    [InlineData(0.0391, AxisUnit.Bytes, "0.0391 B")]
    [InlineData(1500, AxisUnit.Nanoseconds, "1.5 µs")]
    [InlineData(2.5e6, AxisUnit.Nanoseconds, "2.5 ms")]
    [InlineData(0.000589, AxisUnit.Nanoseconds, "0.000589 ns")]
    [InlineData(1.25, AxisUnit.Ratio, "1.25×")]
    [InlineData(123456, AxisUnit.None, "123456")]
    public void UnitsScaleToTheLargestFittingPrefix(double value, AxisUnit unit, string expected) =>
        Assert.Equal(expected, UnitFormat.Format(value, unit));
}
