using System.Text.RegularExpressions;
using ScottPlot;

namespace BenchSuite.Reports.Charts;

/// <summary>A chart drawn: SVG text (ids unique to the chart, so several can be inlined in one page) and PNG bytes.</summary>
public sealed record RenderedChart(string Svg, byte[] Png);

/// <summary>
/// Draws a <see cref="ChartPlan"/> with ScottPlot, as SVG and PNG of the same size. ScottPlot has no log axis: a log
/// axis plots log10 of each value, with the plan's ticks labelled in the axis's unit. Sizes are chosen for a page
/// 420 CSS px wide, where the 560 px chart shrinks to about 0.7 (tick labels stay above 11 px, value labels near 10). The plan's notes
/// are not drawn: the page prints them under the chart, where they wrap.
/// </summary>
public static partial class ChartRenderer
{
    public const int Width = 560, Height = 420;
    const float TitleSize = 19, LabelSize = 16, TickSize = 16, TextSize = 14, MarkerSize = 10;
    const string XlinkNamespace = " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
    static readonly Color Ink = Color.FromHex("#222222"), Faint = Color.FromHex("#666666");

    public static RenderedChart Render(Chart chart) => Render(ChartPlan.Of(chart));

    public static RenderedChart Render(ChartPlan plan)
    {
        ChartFonts.Register();
        using var plot = new Plot();
        int height = HeightOf(plan);
        var (labels, lines) = Compose(plot, plan);
        if (plan.Chart.Kind == ChartKind.Bars)
            RoomForBarValues(plot, plan, height);
        if (labels.Any(l => l.Text.Length > 0))
            PlaceLabels(plot, labels, lines, height);
        string svg = Scalable(RenumberIds(plot.GetSvgXml(Width, height), plan.Chart.FileStem), height);
        if (!svg.Contains("<text", StringComparison.Ordinal))
            throw new ChartTextException($"chart '{plan.Chart.Id}': no text could be drawn with the font {ChartFonts.Family}");
        return new RenderedChart(svg, plot.GetImageBytes(Width, height, ImageFormat.Png));
    }

    /// <summary>Rows of categories take the height they need: a row per category, a line per series in it.</summary>
    static int HeightOf(ChartPlan plan) => plan.Chart.Horizontal
        ? Math.Max(Height, 200 + (plan.Chart.Categories?.Count ?? 1) * Math.Max(30, (plan.Chart.Kind == ChartKind.Bars ? 16 : 6) * plan.Chart.Series.Count)
            + 22 * ((plan.Chart.Series.Count + 1) / 2))
        : Height;

    /// <summary>Draws the chart, and returns the point labels still to place and the lines they should keep clear of.</summary>
    static (List<PointLabel> Labels, List<(double X1, double Y1, double X2, double Y2)> Lines) Compose(Plot plot, ChartPlan plan)
    {
        Chart chart = plan.Chart;
        plot.Font.Set(ChartFonts.Family);
        plot.Title(chart.Title, TitleFits(chart));
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(chart.X.Label + (chart.X.Log ? " (log scale)" : ""), LabelSize);
        plot.YLabel(chart.Y.Label + (chart.Y.Log ? " (log scale)" : ""), LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Grid.MajorLineColor = Color.FromHex("#e4e4e4");

        var y = new AxisMap(plan.Y, chart.Y.Unit);
        var labels = new List<PointLabel>();
        var lines = new List<(double, double, double, double)>();
        if (chart.Horizontal)
        {
            Rows(plot, plan, y);
            return (labels, lines);
        }
        plot.Axes.Left.TickGenerator = y.Ticks();
        // Bars carry their values above them: room for the tallest one's.
        plot.Axes.SetLimitsY(y.Min, y.Max);
        var styles = Palette.Styles(chart.Series.Select(s => s.Name));
        // A scatter plot names every point beside it: its legend keeps only what the points do not say.
        var legend = chart.Kind == ChartKind.Scatter ? [] : SeriesLegend(chart, styles);
        bool clipped = plan.IsCategorical ? Categories(plot, plan, y, styles) : XyMarks(plot, plan, y, styles, legend, labels, lines);
        Finish(plot, plan, legend, clipped);
        return (labels, lines);
    }

    /// <summary>
    /// Bars carry their values past their ends: the value axis is lengthened, from a first layout of the plot, by
    /// the pixels the longest value takes, so the tallest bar's value is never cut.
    /// </summary>
    static void RoomForBarValues(Plot plot, ChartPlan plan, int height)
    {
        var values = plan.Drawn.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y)).Select(p => UnitFormat.Format(p.Y, plan.Chart.Y.Unit)).ToList();
        if (values.Count == 0)
            return;
        plot.RenderInMemory(Width, height);
        AxisLimits limits = plot.Axes.GetLimits();
        PixelRect area = plot.LastRender.DataRect;
        double labelPixels = values.Max(v => v.Length) * TextSize * 0.62 + 10;
        if (plan.Chart.Horizontal)
        {
            double extra = (limits.Right - limits.Left) * labelPixels / Math.Max(1, area.Width - labelPixels);
            plot.Axes.SetLimitsX(limits.Left, limits.Right + extra);
        }
        else
        {
            double extra = (limits.Top - limits.Bottom) * labelPixels / Math.Max(1, area.Height - labelPixels);
            plot.Axes.SetLimitsY(limits.Bottom, limits.Top + extra);
        }
    }

    /// <summary>A title's size: the usual one, smaller for a long title, so it fits over the data area it is centred on.</summary>
    static float TitleFits(Chart chart)
    {
        double labels = chart.Horizontal ? (chart.Categories ?? []).Select(c => c.Length).DefaultIfEmpty(0).Max() * TickSize * 0.6 : 60;
        double room = Width - 40 - labels;
        return (float)Math.Clamp(room / (chart.Title.Length * 0.6), 11, TitleSize);
    }

    /// <summary>
    /// Lays the plot out once to learn where its data area and points fall in pixels, then places each label in the
    /// first free corner around its point (<see cref="LabelPlacer"/>).
    /// </summary>
    static void PlaceLabels(Plot plot, List<PointLabel> labels, List<(double X1, double Y1, double X2, double Y2)> lines, int height)
    {
        plot.RenderInMemory(Width, height);
        var placer = new LabelPlacer(plot.LastRender.DataRect, (x, y) => plot.GetPixel(new Coordinates(x, y)));
        foreach (PointLabel label in labels)
            placer.Occupy(label.X, label.Y);
        foreach (var (x1, y1, x2, y2) in lines)
            placer.OccupyLine(x1, y1, x2, y2);
        foreach (PointLabel label in labels.Where(l => l.Text.Length > 0))
        {
            (Alignment alignment, float dx, float dy) = placer.Place(label.X, label.Y, label.Text, TextSize);
            Label(plot, label.Text, label.X, label.Y, label.Colour, TextSize, alignment, offsetX: dx, offsetY: dy);
        }
    }

    /// <summary>The legend (with the clipping mark's meaning when one was drawn), and a word where there is nothing to draw.</summary>
    static void Finish(Plot plot, ChartPlan plan, List<LegendItem> legend, bool clipped)
    {
        if (clipped)
            legend.Add(new LegendItem { LabelText = "interval runs past the axis (\u25b2 high, \u25bc low)", MarkerShape = MarkerShape.FilledTriangleUp, MarkerSize = 8, MarkerFillColor = Ink, MarkerLineColor = Ink });
        if (legend.Count == 0)
        {
            plot.HideLegend();
        }
        else
        {
            plot.Legend.ManualItems = legend;
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = TextSize + 1;
            plot.Legend.FontName = ChartFonts.Family;
        }
        if (plan.Drawn.All(s => s.Points.Count == 0))
        {
            AxisLimits limits = plot.Axes.GetLimits();
            Label(plot, "no data to draw", (limits.Left + limits.Right) / 2, (limits.Bottom + limits.Top) / 2, Faint, TextSize + 2, Alignment.MiddleCenter);
        }
    }

    static List<LegendItem> SeriesLegend(Chart chart, IReadOnlyList<SeriesStyle> styles) =>
        chart.Series.Select((series, s) => chart.Kind == ChartKind.Bars
            ? new LegendItem { LabelText = series.Legend ?? series.Name, FillColor = Fill(styles[s]) }
            : new LegendItem
            {
                LabelText = series.Legend ?? series.Name, MarkerShape = Shape(styles[s]), MarkerSize = MarkerSize, MarkerFillColor = Colour(styles[s]),
                MarkerLineColor = Colour(styles[s]), LineWidth = chart.Kind == ChartKind.Lines ? 2 : 0, LineColor = Colour(styles[s]),
            }).ToList();

    /// <summary>
    /// Dots or bars in rows, one row per category from the top, the values along the bottom: long category names read
    /// level, and many categories take height instead of crowding the width; a bar's value is written after it.
    /// </summary>
    static void Rows(Plot plot, ChartPlan plan, AxisMap value)
    {
        Chart chart = plan.Chart;
        plot.XLabel(chart.Y.Label + (chart.Y.Log ? " (log scale)" : ""), LabelSize);
        plot.YLabel("");
        var categories = chart.Categories ?? [];
        int n = Math.Max(1, categories.Count);
        plot.Axes.Bottom.TickGenerator = value.Ticks();
        plot.Axes.SetLimitsX(value.Min, value.Max);
        plot.Axes.Right.MinimumSize = 36;
        plot.Axes.SetLimitsY(-0.5, n - 0.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, categories.Count).Select(c => (double)(n - 1 - c)).ToArray(), categories.ToArray());
        for (int c = 1; c < n; c++)
            plot.Add.HorizontalLine(c - 0.5, 1, Color.FromHex("#cccccc"));
        var styles = Palette.Styles(chart.Series.Select(s => s.Name));
        double slot = 0.8 / Math.Max(1, chart.Series.Count);
        bool clipped = false;
        for (int s = 0; s < plan.Drawn.Count; s++)
        {
            Color colour = Colour(styles[s]);
            foreach (ChartPoint p in plan.Drawn[s].Points)
            {
                double row = n - 1 - p.X + 0.4 - slot * (s + 0.5);
                if (!double.IsFinite(p.Y))
                {
                    Label(plot, p.Label ?? "n/a", value.Min, row, Ink, TextSize, Alignment.MiddleLeft, offsetX: 4);
                    continue;
                }
                if (chart.Kind == ChartKind.Bars)
                {
                    plot.Add.Bar(new Bar { Position = row, Value = value.Of(p.Y), ValueBase = value.Floor, Size = slot * 0.9, FillColor = Fill(styles[s]), LineWidth = 0, Orientation = Orientation.Horizontal });
                    Label(plot, UnitFormat.Format(p.Y, chart.Y.Unit), value.Of(p.Y), row, Ink, TextSize - 1, Alignment.MiddleLeft, offsetX: 3);
                }
                else
                {
                    plot.Add.Marker(value.Of(p.Y), row, Shape(styles[s]), MarkerSize - 1, colour);
                }
                clipped |= Interval(plot, value, row, p, slot * 0.3, vertical: false);
            }
        }
        Finish(plot, plan, SeriesLegend(chart, styles), clipped);
    }

    /// <summary>Bars or dots in groups, one group per category; a missing value labelled in place. True if an interval was clipped.</summary>
    static bool Categories(Plot plot, ChartPlan plan, AxisMap y, IReadOnlyList<SeriesStyle> styles)
    {
        Chart chart = plan.Chart;
        var categories = chart.Categories ?? [];
        int n = Math.Max(1, categories.Count);
        plot.Axes.SetLimitsX(-0.5, n - 0.5);
        double[] positions = Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, categories.ToArray());
        // Long or many category labels are turned, so neighbours never overlap.
        double room = (Width - 120.0) / n;
        if (categories.Any(c => c.Length * TickSize * 0.6 > room))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperRight;
            plot.Axes.Bottom.MinimumSize = (float)Math.Min(200, categories.Max(c => c.Length) * TickSize * 0.5 + 30);
        }
        for (int c = 1; c < n; c++)
        {
            var divider = plot.Add.VerticalLine(c - 0.5, 1, Color.FromHex("#cccccc"));
            divider.LinePattern = LinePattern.Solid;
        }
        double slot = 0.8 / Math.Max(1, chart.Series.Count);
        bool clipped = false;
        for (int s = 0; s < plan.Drawn.Count; s++)
        {
            Color colour = Colour(styles[s]);
            foreach (ChartPoint p in plan.Drawn[s].Points)
            {
                double x = p.X - 0.4 + slot * (s + 0.5);
                if (!double.IsFinite(p.Y))
                {
                    Label(plot, p.Label ?? "n/a", x, y.Min, Ink, TextSize, Alignment.MiddleLeft, rotation: -90, offsetY: -4);
                    continue;
                }
                if (chart.Kind == ChartKind.Bars)
                {
                    plot.Add.Bar(new Bar { Position = x, Value = y.Of(p.Y), ValueBase = y.Floor, Size = slot * 0.9, FillColor = Fill(styles[s]), LineWidth = 0 });
                    // The value on every bar: a bar's length on a log axis says little, its number says it all.
                    Label(plot, UnitFormat.Format(p.Y, chart.Y.Unit), x, y.Of(p.Y), Ink, TextSize, Alignment.MiddleLeft, rotation: -90, offsetY: -4);
                }
                else
                {
                    plot.Add.Marker(x, y.Of(p.Y), Shape(styles[s]), MarkerSize, colour);
                }
                clipped |= Interval(plot, y, x, p, slot * 0.25);
            }
        }
        return clipped;
    }

    /// <summary>Lines and scatter plots; a scatter plot labels each point and draws a frontier through two or more.</summary>
    static bool XyMarks(Plot plot, ChartPlan plan, AxisMap y, IReadOnlyList<SeriesStyle> styles, List<LegendItem> legend, List<PointLabel> labels,
        List<(double, double, double, double)> lines)
    {
        Chart chart = plan.Chart;
        var x = new AxisMap(plan.X!, chart.X.Unit);
        plot.Axes.Bottom.TickGenerator = x.Ticks();
        plot.Axes.SetLimitsX(x.Min, x.Max);
        plot.Axes.Right.MinimumSize = 36;
        bool clipped = false;
        double cap = (x.Max - x.Min) * 0.008;
        for (int s = 0; s < plan.Drawn.Count; s++)
        {
            var points = plan.Drawn[s].Points.OrderBy(p => p.X).ToList();
            if (points.Count == 0)
                continue;
            Color colour = Colour(styles[s]);
            var line = plot.Add.Scatter(points.Select(p => x.Of(p.X)).ToArray(), points.Select(p => y.Of(p.Y)).ToArray(), colour);
            line.LineWidth = chart.Kind == ChartKind.Lines ? 2 : 0;
            line.MarkerShape = Shape(styles[s]);
            line.MarkerSize = MarkerSize;
            for (int i = 0; chart.Kind == ChartKind.Lines && i + 1 < points.Count; i++)
                lines.Add((x.Of(points[i].X), y.Of(points[i].Y), x.Of(points[i + 1].X), y.Of(points[i + 1].Y)));
            foreach (ChartPoint p in points)
            {
                clipped |= Interval(plot, y, x.Of(p.X), p, cap);
                // Every point is taken, so no label covers it; a scatter plot names each point, a line chart only those it labels.
                labels.Add(new PointLabel(x.Of(p.X), y.Of(p.Y), chart.Kind == ChartKind.Scatter ? p.Label ?? plan.Drawn[s].Name : p.Label ?? "", colour));
            }
        }
        if (plan.Frontier.Count >= 2)
        {
            var frontier = plot.Add.Scatter(plan.Frontier.Select(p => x.Of(p.X)).ToArray(), plan.Frontier.Select(p => y.Of(p.Y)).ToArray(), Faint);
            frontier.MarkerSize = 0;
            frontier.LineWidth = 1.5f;
            frontier.LinePattern = LinePattern.Dashed;
            legend.Add(new LegendItem { LabelText = "Pareto frontier", LineColor = Faint, LineWidth = 1.5f, LinePattern = LinePattern.Dashed });
        }
        return clipped;
    }

    /// <summary>
    /// An interval along the value axis at <paramref name="at"/> on the other, with caps; cut at the axis ends with a
    /// triangle where it runs past them (up for the high end, down for the low, whichever way the axis runs).
    /// </summary>
    static bool Interval(Plot plot, AxisMap value, double at, ChartPoint p, double cap, bool vertical = true)
    {
        if (p.Low is not { } low || p.High is not { } high || !double.IsFinite(low) || !double.IsFinite(high))
            return false;
        bool pastHigh = value.Of(high) > value.Max, pastLow = !value.Accepts(low) || value.Of(low) < value.Min;
        double top = pastHigh ? value.Max : value.Of(high), bottom = pastLow ? value.Min : value.Of(low);
        void Line(double v1, double a1, double v2, double a2)
        {
            if (vertical)
                Segment(plot, a1, v1, a2, v2);
            else
                Segment(plot, v1, a1, v2, a2);
        }
        void End(double v, bool past, MarkerShape shape)
        {
            if (past)
                plot.Add.Marker(vertical ? at : v, vertical ? v : at, shape, 8, Ink);
            else
                Line(v, at - cap, v, at + cap);
        }
        Line(bottom, at, top, at);
        End(top, pastHigh, MarkerShape.FilledTriangleUp);
        End(bottom, pastLow, MarkerShape.FilledTriangleDown);
        return pastHigh || pastLow;
    }

    static void Segment(Plot plot, double x1, double y1, double x2, double y2)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = Ink;
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
    }

    static void Label(Plot plot, string text, double x, double y, Color colour, float size, Alignment alignment, float rotation = 0, float offsetX = 0, float offsetY = 0)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = ChartFonts.Family;
        label.LabelFontSize = size;
        label.LabelFontColor = colour;
        label.LabelRotation = rotation;
        label.LabelAlignment = alignment;
        label.OffsetX = offsetX;
        label.OffsetY = offsetY;
    }

    static Color Colour(SeriesStyle style) => Color.FromHex(Palette.Colours[style.Colour]);

    /// <summary>A bar's fill: the family's colour, lighter for each variant after the default.</summary>
    static Color Fill(SeriesStyle style) => style.Variant == 0 ? Colour(style) : Colour(style).Lighten(Math.Min(0.7, 0.3 * style.Variant));

    static MarkerShape Shape(SeriesStyle style) => Palette.Shapes[style.Shape] switch
    {
        "circle" => MarkerShape.FilledCircle,
        "square" => MarkerShape.FilledSquare,
        "triangle" => MarkerShape.FilledTriangleUp,
        "diamond" => MarkerShape.FilledDiamond,
        "down" => MarkerShape.FilledTriangleDown,
        "cross" => MarkerShape.Eks,
        "star" => MarkerShape.Asterisk,
        _ => MarkerShape.Cross,
    };

    /// <summary>
    /// ScottPlot numbers clip paths per process (<c>cl_N</c>), so the same chart drawn twice differs; ids are renumbered
    /// from 1 in each file and prefixed with the chart's name, so the same folder gives the same bytes and charts
    /// inlined in one page never share an id.
    /// </summary>
    public static string RenumberIds(string svg, string prefix)
    {
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out string? id))
                ids[m.Value] = id = $"{prefix}-c{ids.Count + 1}";
            return id;
        });
    }

    /// <summary>
    /// A viewBox, so a page can scale the chart to its width; a fallback for viewers without the font; text without the
    /// whitespace ScottPlot wraps it in; no unused xlink namespace (a page with no address in it stays so).
    /// </summary>
    static string Scalable(string svg, int height) =>
        TextContent().Replace(svg, ">$1</text>")
            .Replace(XlinkNamespace, svg.Contains("xlink:", StringComparison.Ordinal) ? XlinkNamespace : "", StringComparison.Ordinal)
            .Replace($"width=\"{Width}\" height=\"{height}\">", $"width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">", StringComparison.Ordinal)
            .Replace("font-family=\"DejaVu Sans\"", "font-family=\"DejaVu Sans, sans-serif\"", StringComparison.Ordinal);

    /// <summary>The SVG without its XML declaration, to inline in a page.</summary>
    public static string Inline(string svg) => svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;

    [GeneratedRegex(@">\s*([^<]*?)\s*</text>")]
    private static partial Regex TextContent();

    [GeneratedRegex(@"\bcl_[0-9A-Za-z]+\b")]
    private static partial Regex ClipId();

    /// <summary>An axis's data → plot coordinates: log10 on a log axis, with ticks labelled in the axis's unit.</summary>
    readonly struct AxisMap(Scale scale, AxisUnit unit)
    {
        public double Min => Of(scale.Min);
        public double Max => Of(scale.Max);
        /// <summary>Where bars start: the axis's lowest value on a log axis, zero (or the nearest end) on a linear one.</summary>
        public double Floor => scale.IsLog ? Min : Math.Clamp(0, Min, Max);
        public bool Accepts(double value) => scale.Accepts(value);
        public double Of(double value) => scale.IsLog ? Math.Log10(value) : value;

        public ScottPlot.TickGenerators.NumericManual Ticks()
        {
            var scale1 = scale;
            var unit1 = unit;
            return new ScottPlot.TickGenerators.NumericManual(
                scale1.Ticks.Select(t => scale1.IsLog ? Math.Log10(t) : t).ToArray(),
                scale1.Ticks.Select(t => UnitFormat.Format(t, unit1)).ToArray());
        }
    }
}
