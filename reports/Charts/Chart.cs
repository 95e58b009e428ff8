namespace BenchSuite.Reports.Charts;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>One bar per series in each category, from the axis floor (zero on linear axes).</summary>
    Bars,
    /// <summary>Grouped like bars, but a marker per value: honest on a log axis, where a bar's length means nothing.</summary>
    Dots,
    /// <summary>Each series' points joined in X order, with markers.</summary>
    Lines,
    /// <summary>Markers only; with <see cref="Chart.ParetoFrontier"/>, the frontier of points no other point beats on both axes.</summary>
    Scatter,
}

/// <summary>An axis: its label, its unit (used by tick labels) and whether it is logarithmic.</summary>
public sealed record Axis(string Label, AxisUnit Unit = AxisUnit.None, bool Log = false, bool IncludeZero = true);

/// <summary>
/// One value. In bar and dot charts X is the category's index. <see cref="Low"/> and <see cref="High"/> are an
/// interval drawn as an error bar. A missing value (NaN) with <see cref="Label"/> "n/a" is drawn as that text.
/// </summary>
public sealed record ChartPoint(double X, double Y, double? Low = null, double? High = null, string? Label = null);

/// <summary>
/// A named series; its name picks its colour (<see cref="Palette"/>), the same in every chart. <see cref="Legend"/>,
/// when given, is what the legend says instead of the name (an entry count beside it, say).
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points, string? Legend = null);

/// <summary>
/// A chart as plain data, built by the report and tested without drawing; <see cref="ChartRenderer"/> draws it.
/// A <see cref="ParetoFrontier"/> chart joins the points of <see cref="Frontier"/> (or, when none is given, of the
/// plain Pareto set of its points); a <see cref="Horizontal"/> dot chart puts its categories in rows and its values
/// along the bottom.
/// <see cref="Id"/> names its files (<see cref="SvgFile"/>, <see cref="PngFile"/>).
/// </summary>
public sealed record Chart(
    string Id,
    string Title,
    ChartKind Kind,
    Axis X,
    Axis Y,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<string>? Categories = null,
    bool ParetoFrontier = false,
    IReadOnlyList<string>? Notes = null,
    bool Horizontal = false,
    IReadOnlyList<(double X, double Y)>? Frontier = null)
{
    /// <summary>The chart's file name without extension: its id with anything but letters, digits, '.', '_' and '-' made '-'.</summary>
    public string FileStem => new(Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());

    public string SvgFile => FileStem + ".svg";

    public string PngFile => FileStem + ".png";
}
