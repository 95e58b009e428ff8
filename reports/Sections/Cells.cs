using System.Globalization;
using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>How every table cell of a report is written: three significant digits, units in the header or the cell.</summary>
static class Cells
{
    public const string NotApplicable = "n/a";

    public static string Number(double value) => UnitFormat.Number(value);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 segment", "3 segments".</summary>
    public static string Count(long count, string noun) => $"{Count(count)} {noun}{(count == 1 ? "" : "s")}";

    public static string Bytes(long bytes) => UnitFormat.Format(bytes, AxisUnit.Bytes);

    public static string Ns(double ns) => UnitFormat.Format(ns, AxisUnit.Nanoseconds);

    /// <summary>The wider side of an estimate's interval, relative to it: "4%", or "<1%".</summary>
    public static string Spread(CaseEstimate e)
    {
        double percent = Math.Max(e.Upper - e.Value, e.Value - e.Lower) / e.Value * 100;
        return percent < 1 ? "<1%" : $"{percent:0}%";
    }

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>A case's estimate, or what stands in for it: n/a, failed, not run yet, or blank when not planned.</summary>
    public static string Estimate(BatchCase? c, CaseEstimate? e) => c?.Status switch
    {
        null => "",
        CaseStatus.Measured when e is not null => Number(e.Value),
        CaseStatus.NotApplicable => NotApplicable,
        CaseStatus.Failed => "failed",
        _ => "not run",
    };

    public static string BytesPerPage(DensityRow? row) => row switch
    {
        null => "",
        { Supported: true, BytesPerPage: { } b } => Number(b),
        _ => NotApplicable,
    };
}
