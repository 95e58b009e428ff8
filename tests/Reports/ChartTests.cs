using System.Xml.Linq;
using BenchSuite.Reports.Charts;
using Xunit;

namespace BenchSuite.Tests.Reports;

public sealed class ChartTests
{
    static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    static Chart Lines(params ChartSeries[] series) =>
        new("t", "title", ChartKind.Lines, new Axis("x", AxisUnit.Bytes, Log: true), new Axis("y", AxisUnit.Bytes, Log: true), series);

    static XDocument Parse(Chart chart) => XDocument.Parse(SvgChart.Render(chart));

    [Fact]
    public void ZeroAndNaNOnALogAxisAreDroppedWithANoteNeverDrawn()
    {
        var chart = Lines(new ChartSeries("rlist", [new(1024, 100), new(2048, 0), new(4096, double.NaN), new(8192, 400)]));
        ChartPlan plan = ChartPlan.Of(chart);

        Assert.Equal([1024.0, 8192], plan.Drawn[0].Points.Select(p => p.X));
        string note = Assert.Single(plan.Notes);
        Assert.Contains("rlist at 2 KiB (0 B)", note);
        Assert.Contains("rlist at 4 KiB (no value)", note);
        Assert.Contains("log axis", note);

        string svg = SvgChart.Render(chart);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("NaN\"", svg);
        Assert.Contains("Not drawn", svg);
        // Two markers and one line, nothing else for the series.
        XDocument doc = XDocument.Parse(svg);
        Assert.Equal(2, doc.Descendants(s_svg + "title").Count(t => t.Value.StartsWith("rlist: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void ANegativeOrZeroLowEndOfAnIntervalIsClippedToTheAxis()
    {
        var chart = new Chart("t", "t", ChartKind.Dots, new Axis("c"), new Axis("ns", AxisUnit.Nanoseconds, Log: true),
            [new ChartSeries("phyr16", [new(0, 1, Low: -0.5, High: 2)])], ["a"]);
        string svg = SvgChart.Render(chart);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("NaN", svg);
        XDocument.Parse(svg);
    }

    [Fact]
    public void AnEmptyChartSaysSoAndStillParses()
    {
        foreach (ChartKind kind in Enum.GetValues<ChartKind>())
        {
            var chart = new Chart("e", "empty", kind, new Axis("x"), new Axis("y", Log: kind == ChartKind.Dots), [new ChartSeries("order8", [])], []);
            Assert.Contains("No data to draw.", ChartPlan.Of(chart).Notes);
            XDocument doc = Parse(chart);
            Assert.Contains("order8", doc.Root!.Value);   // the legend keeps the series
        }
    }

    [Fact]
    public void ASinglePointIsDrawnInsideThePlot()
    {
        var chart = new Chart("one", "one", ChartKind.Scatter, new Axis("B", AxisUnit.Bytes, Log: true), new Axis("ns", AxisUnit.Nanoseconds, Log: true),
            [new ChartSeries("biovec", [new(8, 0.5)])], ParetoFrontier: true);
        ChartPlan plan = ChartPlan.Of(chart);
        Assert.Single(plan.Frontier);
        Assert.InRange(plan.X!.Fraction(8), 0, 1);
        Assert.InRange(plan.Y.Fraction(0.5), 0, 1);
        Assert.Empty(plan.Notes);
        Parse(chart);
    }

    [Fact]
    public void BarsKeepNotApplicableAsTextAndDropNothing()
    {
        var chart = new Chart("b", "b", ChartKind.Bars, new Axis("scenario"), new Axis("B/page", AxisUnit.Bytes),
            [new ChartSeries("pagearray", [new(0, 8), new(1, double.NaN, Label: "n/a")])], ["rdma-4k", "p2p-mixed"]);
        ChartPlan plan = ChartPlan.Of(chart);
        Assert.Empty(plan.Notes);
        Assert.Equal(2, plan.Drawn[0].Points.Count);
        Assert.Contains(">n/a</text>", SvgChart.Render(chart));
        Assert.Equal(0, plan.Y.Min);
    }

    [Fact]
    public void AnEncodingHasTheSameColourInEveryChart()
    {
        var a = Palette.Slots(["rlist", "scatterlist"]);
        var b = Palette.Slots(["scatterlist", "phyr16", "order8", "rlist"]);
        Assert.Equal(a[0], b[3]);
        Assert.Equal(a[1], b[0]);
        Assert.Equal(6, Palette.Slots(["scatterlist", "phyr16", "order8", "rlist", "pagearray", "biovec"]).Distinct().Count());
    }

    [Fact]
    public void TheParetoSetKeepsOnlyPointsNothingBeatsOnBoth()
    {
        var points = new List<(double, double)> { (8, 0.5), (3.5, 1.2), (13, 0.7), (4.5, 2), (8, 0.5), (3.5, 1.0) };
        Assert.Equal([5, 0, 4], ParetoFrontier.Indices(points));
    }

    [Fact]
    public void RenderingIsDeterministic()
    {
        var chart = Lines(new ChartSeries("scatterlist", [new(1 << 20, 5000), new(1L << 40, 3e9)]), new ChartSeries("rlist", [new(1 << 20, 900)]));
        Assert.Equal(SvgChart.Render(chart), SvgChart.Render(chart));
    }
}
