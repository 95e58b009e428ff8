namespace BenchSuite.Reports.Charts;

/// <summary>
/// Maps data values onto [0, 1] along an axis, with the ticks to label it. Linear scales step by 1, 2 or 5 times a
/// power of ten; log scales tick at powers of ten, or at powers of two (1 B, 1 KiB, 1 MiB...) for byte counts.
/// Log scales accept only positive finite values (see <see cref="Accepts"/>); the chart drops the rest with a note.
/// </summary>
public sealed class Scale
{
    Scale(bool log, double min, double max, IReadOnlyList<double> ticks)
    {
        IsLog = log;
        Min = min;
        Max = max;
        Ticks = ticks;
    }

    public bool IsLog { get; }
    public double Min { get; }
    public double Max { get; }
    public IReadOnlyList<double> Ticks { get; }

    public bool Accepts(double value) => double.IsFinite(value) && (!IsLog || value > 0);

    /// <summary>Where <paramref name="value"/> falls between <see cref="Min"/> (0) and <see cref="Max"/> (1).</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min))
        : (value - Min) / (Max - Min);

    public static Scale For(Axis axis, IEnumerable<double> values) =>
        axis.Log ? Log(values, axis.Unit) : Linear(values, axis.IncludeZero);

    /// <summary>A linear scale over the finite values, widened to whole 1/2/5 steps (and to zero when asked).</summary>
    public static Scale Linear(IEnumerable<double> values, bool includeZero = true)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (includeZero)
            finite.Add(0);
        if (finite.Count == 0)
            finite.AddRange([0, 1]);
        double min = finite.Min(), max = finite.Max();
        if (min == max)
            (min, max) = min == 0 ? (0, 1) : (min - Math.Abs(min) / 2, max + Math.Abs(min) / 2);
        double step = NiceStep((max - min) / 5);
        long first = (long)Math.Floor(min / step + 1e-9), last = (long)Math.Ceiling(max / step - 1e-9);
        var ticks = new List<double>();
        for (long i = first; i <= last; i++)
            ticks.Add(Clean(i * step));
        return new Scale(false, ticks[0], ticks[^1], ticks);
    }

    /// <summary>1, 2 or 5 times the power of ten at or just above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    /// <summary>
    /// A log scale over the positive finite values, widened to whole decades (or, for byte counts of at least one
    /// byte, whole powers of two), ticked at multiples of a stride (1, 2, 3, 5 or 10 decades; 1, 2, 10 or 20 bits:
    /// 1 KiB, 1 MiB...), with at most nine ticks.
    /// </summary>
    public static Scale Log(IEnumerable<double> values, AxisUnit unit = AxisUnit.None)
    {
        var positive = values.Where(v => double.IsFinite(v) && v > 0).ToList();
        if (positive.Count == 0)
            positive.AddRange([1, 10]);
        double min = positive.Min(), max = positive.Max();
        double radix = unit == AxisUnit.Bytes && min >= 1 ? 2 : 10;
        if (radix == 10 && max < min * 10)
            return Narrow(min, max);
        int lo = (int)Math.Floor(Math.Log(min, radix) + 1e-9), hi = (int)Math.Ceiling(Math.Log(max, radix) - 1e-9);
        int[] strides = radix == 2 ? [1, 2, 10, 20] : [1, 2, 3, 5, 10];
        int stride = strides.First(s => (int)Math.Floor(hi / (double)s) - (int)Math.Ceiling(lo / (double)s) <= 7 || s == strides[^1]);
        if (hi == lo)
            hi += 1;
        // The axis spans the data's own powers (64 KiB to 1 TiB, not 1 KiB to 1 TiB); ticks fall on the stride's
        // multiples inside it, and on its ends when fewer than two would.
        var ticks = new List<double>();
        for (int e = (int)Math.Ceiling(lo / (double)stride) * stride; e <= hi; e += stride)
            ticks.Add(Clean(Math.Pow(radix, e)));
        if (ticks.Count < 2)
            ticks = [Clean(Math.Pow(radix, lo)), .. ticks.Where(t => t != Clean(Math.Pow(radix, lo)) && t != Clean(Math.Pow(radix, hi))), Clean(Math.Pow(radix, hi))];
        return new Scale(true, Clean(Math.Pow(radix, lo)), Clean(Math.Pow(radix, hi)), ticks);
    }

    /// <summary>
    /// Values within one decade (ratios of 0.6 to 1.8, say) on a log scale ticked at 1, 2 and 5 times powers of ten
    /// around them, so the spread fills the axis instead of a fifth of two decades.
    /// </summary>
    static Scale Narrow(double min, double max)
    {
        var grid = new List<double>();
        for (int e = (int)Math.Floor(Math.Log10(min)) - 1; e <= (int)Math.Ceiling(Math.Log10(max)) + 1; e++)
            grid.AddRange([Clean(Math.Pow(10, e)), Clean(2 * Math.Pow(10, e)), Clean(5 * Math.Pow(10, e))]);
        double low = grid.Last(g => g <= min * (1 + 1e-9)), high = grid.First(g => g >= max * (1 - 1e-9));
        if (high <= low)
            high = grid.First(g => g > low);
        return new Scale(true, low, high, grid.Where(g => g >= low && g <= high).ToList());
    }

    /// <summary>Rounds away binary fractions such as 0.30000000000000004 so tick labels are exact.</summary>
    static double Clean(double value) => value == 0 ? 0 : Math.Round(value, Math.Clamp(12 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15));
}
