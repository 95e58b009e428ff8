namespace BenchSuite.Reports.Charts;

/// <summary>
/// What a chart will draw, decided before any SVG: the scales, the points each series keeps, the Pareto frontier,
/// and a note for every value left out. A value a log axis cannot show (zero, negative, NaN) is dropped and named
/// in a note, never drawn at infinity; a missing value labelled "n/a" is kept and drawn as that text.
/// </summary>
public sealed class ChartPlan
{
    ChartPlan(Chart chart, Scale? x, Scale y, IReadOnlyList<ChartSeries> drawn, IReadOnlyList<(double X, double Y)> frontier, IReadOnlyList<string> notes)
    {
        Chart = chart;
        X = x;
        Y = y;
        Drawn = drawn;
        Frontier = frontier;
        Notes = notes;
    }

    public Chart Chart { get; }
    /// <summary>Null for bar and dot charts, whose X is the category.</summary>
    public Scale? X { get; }
    public Scale Y { get; }
    /// <summary>Every series, with only the points that can be drawn (legends keep series with none).</summary>
    public IReadOnlyList<ChartSeries> Drawn { get; }
    public IReadOnlyList<(double X, double Y)> Frontier { get; }
    public IReadOnlyList<string> Notes { get; }

    public bool IsCategorical => Chart.Kind is ChartKind.Bars or ChartKind.Dots;

    public static ChartPlan Of(Chart chart)
    {
        bool categorical = chart.Kind is ChartKind.Bars or ChartKind.Dots;
        var all = chart.Series.SelectMany(s => s.Points.Select(p => (Series: s.Name, Point: p))).ToList();
        static bool Drawable(Axis axis, double v) => double.IsFinite(v) && (!axis.Log || v > 0);
        bool Keep(ChartPoint p) => Drawable(chart.Y, p.Y) && (categorical || Drawable(chart.X, p.X));

        var kept = all.Where(a => Keep(a.Point)).ToList();
        Scale y = Scale.For(chart.Y, kept.SelectMany(a => new[] { a.Point.Y, a.Point.Low ?? a.Point.Y, a.Point.High ?? a.Point.Y }));
        Scale? x = categorical ? null : Scale.For(chart.X, kept.Select(a => a.Point.X));

        var notes = new List<string>(chart.Notes ?? []);
        var dropped = all.Where(a => !Keep(a.Point) && a.Point.Label is null).Select(a => Describe(chart, a.Series, a.Point)).ToList();
        if (dropped.Count > 0)
        {
            string why = chart.X.Log || chart.Y.Log ? "zero, negative or no value, which a log axis cannot show" : "no value";
            notes.Add($"Not drawn ({why}): {string.Join(", ", dropped)}.");
        }
        if (kept.Count == 0)
            notes.Add("No data to draw.");

        var drawn = chart.Series.Select(s => s with { Points = s.Points.Where(p => Keep(p) || (categorical && p.Label is not null)).ToList() }).ToList();
        IReadOnlyList<(double X, double Y)> frontier = [];
        if (chart.ParetoFrontier && !categorical)
        {
            var points = kept.Select(a => (a.Point.X, a.Point.Y)).ToList();
            frontier = chart.Frontier ?? ParetoFrontier.Indices(points).Select(i => points[i]).ToList();
        }
        return new ChartPlan(chart, x, y, drawn, frontier, notes);
    }

    static string Describe(Chart chart, string series, ChartPoint p)
    {
        string at = chart.Kind is ChartKind.Bars or ChartKind.Dots
            ? chart.Categories is { } c && p.X >= 0 && p.X < c.Count ? c[(int)p.X] : UnitFormat.Number(p.X)
            : UnitFormat.Format(p.X, chart.X.Unit);
        return $"{series} at {at} ({(double.IsNaN(p.Y) ? "no value" : UnitFormat.Format(p.Y, chart.Y.Unit))})";
    }
}
