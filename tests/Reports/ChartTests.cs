using System.Xml.Linq;
using BenchSuite.Reports.Charts;
using Xunit;

namespace BenchSuite.Tests.Reports;

public sealed class ChartTests
{
    static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    static Chart Lines(params ChartSeries[] series) =>
        new("t", "title", ChartKind.Lines, new Axis("x", AxisUnit.Bytes, Log: true), new Axis("y", AxisUnit.Bytes, Log: true), series);

    static XDocument Parse(Chart chart) => XDocument.Parse(ChartRenderer.Render(chart).Svg);

    static string Svg(Chart chart) => ChartRenderer.Render(chart).Svg;

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

        string svg = Svg(chart);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("NaN", svg);
        XDocument.Parse(svg);
    }

    [Fact]
    public void ANegativeOrZeroLowEndOfAnIntervalIsClippedToTheAxis()
    {
        var chart = new Chart("t", "t", ChartKind.Dots, new Axis("c"), new Axis("ns", AxisUnit.Nanoseconds, Log: true),
            [new ChartSeries("phyr16", [new(0, 1, Low: -0.5, High: 2)])], ["a"]);
        string svg = Svg(chart);
        Assert.DoesNotContain("Infinity", svg);
        Assert.DoesNotContain("NaN", svg);
        XDocument.Parse(svg);
        // The cut is marked, and the legend says what the mark means.
        Assert.Contains("interval runs past the axis", svg);
        Assert.DoesNotContain("interval runs past the axis", Svg(chart with { Series = [new ChartSeries("phyr16", [new(0, 1, Low: 0.5, High: 2)])] }));
    }

    [Fact]
    public void AnEmptyChartSaysSoAndStillParses()
    {
        foreach (ChartKind kind in Enum.GetValues<ChartKind>())
        {
            var chart = new Chart("e", "empty", kind, new Axis("x"), new Axis("y", Log: kind == ChartKind.Dots), [new ChartSeries("order8", [])], []);
            Assert.Contains("No data to draw.", ChartPlan.Of(chart).Notes);
            XDocument doc = Parse(chart);
            if (kind != ChartKind.Scatter)
                Assert.Contains("order8", doc.Root!.Value);   // the legend keeps the series (a scatter plot names its points instead)
            Assert.Contains("no data to draw", doc.Root!.Value);
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
        // One point is no frontier: none is drawn, and the legend does not list one.
        Assert.DoesNotContain("Pareto frontier", Parse(chart).Root!.Value);
        var two = chart with { Series = [.. chart.Series, new ChartSeries("rlist", [new(4, 1)])] };
        Assert.Contains("Pareto frontier", Parse(two).Root!.Value);
    }

    [Fact]
    public void BarsKeepNotApplicableAsTextAndDropNothing()
    {
        var chart = new Chart("b", "b", ChartKind.Bars, new Axis("scenario"), new Axis("B/page", AxisUnit.Bytes),
            [new ChartSeries("pagearray", [new(0, 8), new(1, double.NaN, Label: "n/a")])], ["rdma-4k", "p2p-mixed"]);
        ChartPlan plan = ChartPlan.Of(chart);
        Assert.Empty(plan.Notes);
        Assert.Equal(2, plan.Drawn[0].Points.Count);
        Assert.Contains(">n/a</text>", Svg(chart));
        Assert.Equal(0, plan.Y.Min);
    }

    [Fact]
    public void AnEncodingHasTheSameColourInEveryChart()
    {
        var a = Palette.Styles(["rlist", "scatterlist"]);
        var b = Palette.Styles(["scatterlist", "phyr16", "order8", "rlist"]);
        Assert.Equal(a[0], b[3]);
        Assert.Equal(a[1], b[0]);
        Assert.Equal(6, Palette.Styles(["scatterlist", "phyr16", "order8", "rlist", "pagearray", "biovec"]).Distinct().Count());
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
        RenderedChart first = ChartRenderer.Render(chart), second = ChartRenderer.Render(chart);
        Assert.Equal(first.Svg, second.Svg);
        Assert.Equal(first.Png, second.Png);
        // ScottPlot numbers clip paths per process; each file numbers its own from 1, under the chart's name.
        Assert.Contains("t-c1", first.Svg);
        Assert.DoesNotContain("cl_", first.Svg);
    }

    [Fact]
    public void EveryChartHasTextAndAPng()
    {
        // Drawn with the shipped font, whatever the machine has: ScottPlot draws no text at all without a font.
        RenderedChart drawn = ChartRenderer.Render(Lines(new ChartSeries("order8", [new(4096, 100)])));
        XDocument doc = XDocument.Parse(drawn.Svg);
        Assert.Contains(doc.Descendants(s_svg + "text"), t => t.Value == "title");
        Assert.Contains(doc.Descendants(s_svg + "text"), t => t.Value == "order8");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], drawn.Png[..4]);
    }
}
