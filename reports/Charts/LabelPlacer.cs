using ScottPlot;

namespace BenchSuite.Reports.Charts;

/// <summary>A label for a point, placed once the plot's layout is known.</summary>
sealed record PointLabel(double X, double Y, string Text, Color Colour);

/// <summary>
/// Places point labels so they neither overlap each other nor cover a point or a line, nor leave the data area:
/// each label takes the first of four corners around its point (above right, below right, above left, below left)
/// that is free, then the same corners a line further away, in the order the labels come, which is the same every
/// time. Works in the pixels of a first layout of the plot (<see cref="Plot.GetPixel(Coordinates)"/>).
/// </summary>
sealed class LabelPlacer(PixelRect area, Func<double, double, Pixel> toPixel)
{
    const double Gap = 6;
    readonly List<(double Left, double Top, double Right, double Bottom)> _taken = [];

    /// <summary>A point's marker, which no label may cover.</summary>
    public void Occupy(double x, double y)
    {
        Pixel p = toPixel(x, y);
        _taken.Add((p.X - 5, p.Y - 5, p.X + 5, p.Y + 5));
    }

    /// <summary>A line between two points, which labels keep clear of where they can.</summary>
    public void OccupyLine(double x1, double y1, double x2, double y2)
    {
        Pixel a = toPixel(x1, y1), b = toPixel(x2, y2);
        int steps = (int)Math.Clamp(Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y)) / 6, 1, 200);
        for (int i = 0; i <= steps; i++)
        {
            double x = a.X + (b.X - a.X) * i / steps, y = a.Y + (b.Y - a.Y) * i / steps;
            _taken.Add((x - 2, y - 2, x + 2, y + 2));
        }
    }

    /// <summary>The corner for <paramref name="text"/> at a point: ScottPlot's alignment of the label and its pixel offset.</summary>
    public (Alignment Alignment, float Dx, float Dy) Place(double x, double y, string text, float fontSize)
    {
        Pixel p = toPixel(x, y);
        double w = text.Length * fontSize * 0.6, h = fontSize * 1.2;
        // The four corners, then the same pushed further up or down a line at a time, for labels of close points.
        var candidates = new List<(Alignment Alignment, float Dx, float Dy, double Left, double Top)>();
        for (int step = 0; step < 5; step++)
        {
            double shift = step * h;
            candidates.Add((Alignment.LowerLeft, (float)Gap, (float)(-Gap / 2 - shift), p.X + Gap, p.Y - Gap / 2 - h - shift));
            candidates.Add((Alignment.UpperLeft, (float)Gap, (float)(Gap / 2 + shift), p.X + Gap, p.Y + Gap / 2 + shift));
            candidates.Add((Alignment.LowerRight, -(float)Gap, (float)(-Gap / 2 - shift), p.X - Gap - w, p.Y - Gap / 2 - h - shift));
            candidates.Add((Alignment.UpperRight, -(float)Gap, (float)(Gap / 2 + shift), p.X - Gap - w, p.Y + Gap / 2 + shift));
        }
        foreach (var c in candidates)
        {
            var box = (c.Left, c.Top, c.Left + w, c.Top + h);
            if (c.Left < area.Left || c.Left + w > area.Right || c.Top < area.Top || c.Top + h > area.Bottom || _taken.Any(t => Overlap(t, box)))
                continue;
            _taken.Add(box);
            return (c.Alignment, c.Dx, c.Dy);
        }
        // Nowhere free: on the side of the point with more room, overlapping.
        var fallback = candidates[p.X + Gap + w <= area.Right ? 0 : 2];
        _taken.Add((fallback.Left, fallback.Top, fallback.Left + w, fallback.Top + h));
        return (fallback.Alignment, fallback.Dx, fallback.Dy);
    }

    static bool Overlap((double L, double T, double R, double B) a, (double L, double T, double R, double B) b) =>
        a.L < b.R && b.L < a.R && a.T < b.B && b.T < a.B;
}
