namespace BenchSuite.Reports.Charts;

/// <summary>
/// Places point labels so they neither overlap each other nor cover a point, nor leave the plot: each label takes
/// the first of four corners around its point (above right, below right, above left, below left) that is free, then
/// the same corners a line further away, in the order the points come, which is the same every time. Sizes are estimated in pixels of the plot area.
/// </summary>
sealed class LabelPlacer(double xMin, double xMax, double yMin, double yMax)
{
    const double AreaWidth = ChartRenderer.Width - 120, AreaHeight = ChartRenderer.Height - 210, Gap = 6;
    readonly List<(double Left, double Top, double Right, double Bottom)> _taken = [];

    /// <summary>A point's marker, which no label may cover.</summary>
    public void Occupy(double x, double y)
    {
        (double px, double py) = Pixel(x, y);
        _taken.Add((px - 5, py - 5, px + 5, py + 5));
    }

    /// <summary>The corner for <paramref name="text"/> at a point: ScottPlot's alignment of the label and its pixel offset.</summary>
    public (ScottPlot.Alignment Alignment, float Dx, float Dy) Place(double x, double y, string text, float fontSize)
    {
        (double px, double py) = Pixel(x, y);
        double w = text.Length * fontSize * 0.62, h = fontSize * 1.2;
        // The four corners, then the same pushed further up or down a line at a time, for labels of close points.
        var candidates = new List<(ScottPlot.Alignment, float, float, double, double)>();
        for (int step = 0; step < 5; step++)
        {
            double shift = step * h;
            candidates.Add((ScottPlot.Alignment.LowerLeft, (float)Gap, (float)(-Gap / 2 - shift), px + Gap, py - Gap / 2 - h - shift));
            candidates.Add((ScottPlot.Alignment.UpperLeft, (float)Gap, (float)(Gap / 2 + shift), px + Gap, py + Gap / 2 + shift));
            candidates.Add((ScottPlot.Alignment.LowerRight, -(float)Gap, (float)(-Gap / 2 - shift), px - Gap - w, py - Gap / 2 - h - shift));
            candidates.Add((ScottPlot.Alignment.UpperRight, -(float)Gap, (float)(Gap / 2 + shift), px - Gap - w, py + Gap / 2 + shift));
        }
        foreach (var (alignment, dx, dy, left, top) in candidates)
        {
            var box = (left, top, left + w, top + h);
            if (left < 0 || left + w > AreaWidth || top < -10 || top + h > AreaHeight + 10 || _taken.Any(t => Overlap(t, box)))
                continue;
            _taken.Add(box);
            return (alignment, dx, dy);
        }
        // Nowhere free: on the side of the point with more room, overlapping.
        var fallback = candidates[px + Gap + w <= AreaWidth ? 0 : 2];
        _taken.Add((fallback.Item4, fallback.Item5, fallback.Item4 + w, fallback.Item5 + h));
        return (fallback.Item1, fallback.Item2, fallback.Item3);
    }

    (double X, double Y) Pixel(double x, double y) =>
        ((x - xMin) / (xMax - xMin) * AreaWidth, (1 - (y - yMin) / (yMax - yMin)) * AreaHeight);

    static bool Overlap((double L, double T, double R, double B) a, (double L, double T, double R, double B) b) =>
        a.L < b.R && b.L < a.R && a.T < b.B && b.T < a.B;
}
