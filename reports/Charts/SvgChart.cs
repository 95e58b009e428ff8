using System.Globalization;
using System.Net;
using System.Text;
using BenchSuite.Reports.Text;

namespace BenchSuite.Reports.Charts;

/// <summary>
/// Draws a <see cref="ChartPlan"/> as a standalone SVG: title, gridlines and tick labels with units, bars, dots,
/// lines or markers with error bars, the Pareto frontier, a legend and the notes. Only system fonts, no scripts; the
/// same chart always gives the same bytes. Every mark carries a &lt;title&gt; with its value, shown on hover.
/// </summary>
public static class SvgChart
{
    const double Width = 720, PlotHeight = 300, Left = 84, Right = Width - 20, Top = 44;
    const double Bottom = Top + PlotHeight;
    const double LegendItemWidth = 150, LineHeight = 16;
    const int NoteWrap = 110;

    public static string Render(Chart chart) => Render(ChartPlan.Of(chart));

    public static string Render(ChartPlan plan)
    {
        Chart chart = plan.Chart;
        var slots = Palette.Slots(chart.Series.Select(s => s.Name));
        var legend = chart.Series.Select((s, i) => (s.Name, Slot: slots[i], Frontier: false)).ToList();
        if (plan.Frontier.Count > 0)
            legend.Add(("Pareto frontier", -1, true));
        int perRow = (int)((Right - Left) / LegendItemWidth);
        int legendRows = (legend.Count + perRow - 1) / perRow;
        var notes = plan.Notes.SelectMany(n => TextWrap.Lines(n, NoteWrap)).ToList();
        double legendTop = Bottom + 62;
        double height = legendTop + legendRows * LineHeight + notes.Count * LineHeight + 12;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(height)}\" width=\"{N(Width)}\" height=\"{N(height)}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append($"<title>{E(chart.Title)}</title>\n");
        svg.Append($"<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append($"<text x=\"{N(Width / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{E(chart.Title)}</text>\n");
        YAxis(svg, plan);
        if (plan.IsCategorical)
            Categories(svg, plan, slots);
        else
            XyMarks(svg, plan, slots);
        svg.Append($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(Right - Left)}\" height=\"{N(PlotHeight)}\" fill=\"none\" stroke=\"#444444\"/>\n");
        svg.Append($"<text x=\"{N((Left + Right) / 2)}\" y=\"{N(Bottom + 38)}\" text-anchor=\"middle\">{E(AxisTitle(chart.X))}</text>\n");

        for (int i = 0; i < legend.Count; i++)
        {
            double x = Left + (i % perRow) * LegendItemWidth, y = legendTop + (i / perRow) * LineHeight;
            if (legend[i].Frontier)
                svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(y - 4)}\" x2=\"{N(x + 16)}\" y2=\"{N(y - 4)}\" stroke=\"#555555\" stroke-dasharray=\"4 3\"/>\n");
            else
                Marker(svg, legend[i].Slot, x + 8, y - 4, legend[i].Name);
            svg.Append($"<text x=\"{N(x + 22)}\" y=\"{N(y)}\">{E(legend[i].Name)}</text>\n");
        }
        double noteTop = legendTop + legendRows * LineHeight;
        for (int i = 0; i < notes.Count; i++)
            svg.Append($"<text x=\"{N(Left)}\" y=\"{N(noteTop + i * LineHeight)}\" font-size=\"11\" fill=\"#333333\">{E(notes[i])}</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    static void YAxis(StringBuilder svg, ChartPlan plan)
    {
        foreach (double tick in plan.Y.Ticks)
        {
            double y = YOf(plan.Y, tick);
            svg.Append($"<line x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(Right)}\" y2=\"{N(y)}\" stroke=\"#dddddd\"/>\n");
            svg.Append($"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(UnitFormat.Format(tick, plan.Chart.Y.Unit))}</text>\n");
        }
        svg.Append($"<text transform=\"translate(16 {N(Top + PlotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{E(AxisTitle(plan.Chart.Y))}</text>\n");
    }

    /// <summary>Bars or dots: a group per category, a slot per series inside it, labels under each group.</summary>
    static void Categories(StringBuilder svg, ChartPlan plan, IReadOnlyList<int> slots)
    {
        Chart chart = plan.Chart;
        var categories = chart.Categories ?? [];
        double group = (Right - Left) / Math.Max(1, categories.Count);
        double slot = group * 0.8 / Math.Max(1, chart.Series.Count);
        for (int c = 0; c < categories.Count; c++)
        {
            double centre = Left + group * (c + 0.5);
            svg.Append($"<text x=\"{N(centre)}\" y=\"{N(Bottom + 18)}\" text-anchor=\"middle\">{E(categories[c])}</text>\n");
            if (c > 0)
                svg.Append($"<line x1=\"{N(Left + group * c)}\" y1=\"{N(Top)}\" x2=\"{N(Left + group * c)}\" y2=\"{N(Bottom)}\" stroke=\"#eeeeee\"/>\n");
        }
        for (int s = 0; s < plan.Drawn.Count; s++)
        {
            ChartSeries series = plan.Drawn[s];
            foreach (ChartPoint p in series.Points)
            {
                double x = Left + group * p.X + group * 0.1 + slot * (s + 0.5);
                string what = $"{series.Name}, {Category(categories, p.X)}";
                if (!double.IsFinite(p.Y))
                {
                    svg.Append($"<text transform=\"translate({N(x + 3)} {N(Bottom - 4)}) rotate(-90)\" font-size=\"9\" fill=\"#555555\"><title>{E(what)}: {E(p.Label!)}</title>{E(p.Label!)}</text>\n");
                    continue;
                }
                string tip = $"{what}: {Value(chart.Y.Unit, p)}";
                if (chart.Kind == ChartKind.Bars)
                {
                    double y = YOf(plan.Y, p.Y), floor = YOf(plan.Y, plan.Y.IsLog ? plan.Y.Min : Math.Max(plan.Y.Min, Math.Min(0, plan.Y.Max)));
                    svg.Append($"<rect x=\"{N(x - slot * 0.45)}\" y=\"{N(Math.Min(y, floor))}\" width=\"{N(slot * 0.9)}\" height=\"{N(Math.Abs(floor - y))}\" fill=\"{Palette.Colours[slots[s]]}\"><title>{E(tip)}</title></rect>\n");
                }
                else
                {
                    Marker(svg, slots[s], x, YOf(plan.Y, p.Y), tip);
                }
                ErrorBar(svg, plan.Y, x, p, Math.Min(slot * 0.3, 5));
            }
        }
    }

    /// <summary>Lines and scatter: gridlines and labels at X ticks, each series' marks, then the frontier.</summary>
    static void XyMarks(StringBuilder svg, ChartPlan plan, IReadOnlyList<int> slots)
    {
        Chart chart = plan.Chart;
        Scale xs = plan.X!;
        foreach (double tick in xs.Ticks)
        {
            double x = XOf(xs, tick);
            svg.Append($"<line x1=\"{N(x)}\" y1=\"{N(Top)}\" x2=\"{N(x)}\" y2=\"{N(Bottom)}\" stroke=\"#dddddd\"/>\n");
            svg.Append($"<text x=\"{N(x)}\" y=\"{N(Bottom + 18)}\" text-anchor=\"middle\">{E(UnitFormat.Format(tick, chart.X.Unit))}</text>\n");
        }
        for (int s = 0; s < plan.Drawn.Count; s++)
        {
            ChartSeries series = plan.Drawn[s];
            var points = series.Points.OrderBy(p => p.X).ToList();
            string colour = Palette.Colours[slots[s]];
            if (chart.Kind == ChartKind.Lines && points.Count > 1)
                svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(" ", points.Select(p => $"{N(XOf(xs, p.X))},{N(YOf(plan.Y, p.Y))}"))}\"/>\n");
            foreach (ChartPoint p in points)
            {
                string tip = $"{series.Name}: {UnitFormat.Format(p.X, chart.X.Unit)}, {Value(chart.Y.Unit, p)}";
                ErrorBar(svg, plan.Y, XOf(xs, p.X), p, 4);
                Marker(svg, slots[s], XOf(xs, p.X), YOf(plan.Y, p.Y), tip);
            }
        }
        if (plan.Frontier.Count > 1)
            svg.Append($"<polyline fill=\"none\" stroke=\"#555555\" stroke-dasharray=\"4 3\" points=\"{string.Join(" ", plan.Frontier.Select(p => $"{N(XOf(xs, p.X))},{N(YOf(plan.Y, p.Y))}"))}\"/>\n");
    }

    /// <summary>A vertical interval with caps, clipped to the plot (a log axis clips a non-positive low end).</summary>
    static void ErrorBar(StringBuilder svg, Scale y, double x, ChartPoint p, double cap)
    {
        if (p.Low is not { } low || p.High is not { } high || !double.IsFinite(low) || !double.IsFinite(high))
            return;
        double top = YOf(y, Math.Min(high, y.Max)), bottom = YOf(y, y.Accepts(low) ? Math.Max(low, y.Min) : y.Min);
        svg.Append($"<path d=\"M{N(x)} {N(top)}V{N(bottom)}M{N(x - cap)} {N(top)}H{N(x + cap)}M{N(x - cap)} {N(bottom)}H{N(x + cap)}\" stroke=\"#222222\" fill=\"none\"/>\n");
    }

    static void Marker(StringBuilder svg, int slot, double x, double y, string tip)
    {
        string colour = Palette.Colours[slot];
        (string tag, string geometry) = Palette.Shapes[slot % Palette.Shapes.Count] switch
        {
            "circle" => ("circle", $"cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"4.5\""),
            "square" => ("rect", $"x=\"{N(x - 4)}\" y=\"{N(y - 4)}\" width=\"8\" height=\"8\""),
            "triangle" => ("path", $"d=\"M{N(x)} {N(y - 5)}L{N(x + 5)} {N(y + 4)}L{N(x - 5)} {N(y + 4)}Z\""),
            "diamond" => ("path", $"d=\"M{N(x)} {N(y - 5.5)}L{N(x + 5.5)} {N(y)}L{N(x)} {N(y + 5.5)}L{N(x - 5.5)} {N(y)}Z\""),
            "down" => ("path", $"d=\"M{N(x)} {N(y + 5)}L{N(x + 5)} {N(y - 4)}L{N(x - 5)} {N(y - 4)}Z\""),
            "cross" => ("path", $"d=\"M{N(x - 4)} {N(y - 4)}L{N(x + 4)} {N(y + 4)}M{N(x - 4)} {N(y + 4)}L{N(x + 4)} {N(y - 4)}\" stroke-width=\"2.5\" stroke=\"{colour}\""),
            "star" => ("path", $"d=\"M{N(x)} {N(y - 6)}L{N(x + 1.8)} {N(y - 1.8)}L{N(x + 6)} {N(y)}L{N(x + 1.8)} {N(y + 1.8)}L{N(x)} {N(y + 6)}L{N(x - 1.8)} {N(y + 1.8)}L{N(x - 6)} {N(y)}L{N(x - 1.8)} {N(y - 1.8)}Z\""),
            _ => ("path", $"d=\"M{N(x - 5)} {N(y)}H{N(x + 5)}M{N(x)} {N(y - 5)}V{N(y + 5)}\" stroke-width=\"2.5\" stroke=\"{colour}\""),
        };
        svg.Append($"<{tag} {geometry} fill=\"{colour}\"><title>{E(tip)}</title></{tag}>\n");
    }

    static string Value(AxisUnit unit, ChartPoint p) =>
        p.Low is { } low && p.High is { } high
            ? $"{UnitFormat.Format(p.Y, unit)} ({UnitFormat.Format(low, unit)} to {UnitFormat.Format(high, unit)})"
            : UnitFormat.Format(p.Y, unit);

    static string Category(IReadOnlyList<string> categories, double x) => x >= 0 && x < categories.Count ? categories[(int)x] : UnitFormat.Number(x);

    static string AxisTitle(Axis axis) => axis.Log ? axis.Label + " (log scale)" : axis.Label;

    static double XOf(Scale scale, double value) => Left + scale.Fraction(value) * (Right - Left);

    static double YOf(Scale scale, double value) => Bottom - scale.Fraction(value) * PlotHeight;

    /// <summary>Coordinates to two decimals: enough for a screen, and stable text.</summary>
    static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
