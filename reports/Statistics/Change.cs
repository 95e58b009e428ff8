using Perfolizer;
using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace BenchSuite.Reports.Statistics;

/// <summary>How one case's time moved against another's.</summary>
public enum ChangeKind
{
    Same,
    Faster,
    Slower,
    /// <summary>Too few measurements to test (the dry profile has one).</summary>
    Unknown,
}

/// <summary>
/// Classifies a current sample against a baseline sample: Perfolizer's equivalence test (two one-sided Mann-Whitney
/// tests, 5% significance) with a relative threshold. "slower" means the current times are significantly more than
/// the threshold above the baseline's; "not separable" (<see cref="ChangeKind.Same"/>) means neither direction is
/// significant beyond it: not that they are equal, only that this measurement cannot tell them apart. The ratio is
/// current estimate over baseline estimate.
/// </summary>
public sealed record Change(ChangeKind Kind, double Ratio)
{
    public const double DefaultThreshold = 0.05;

    public static Change Of(CaseEstimate baseline, CaseEstimate current, double threshold = DefaultThreshold)
    {
        var test = new SimpleEquivalenceTest(MannWhitneyTest.Instance);
        var x = new Sample(current.Values.ToArray());
        var y = new Sample(baseline.Values.ToArray());
        ChangeKind kind = test.Perform(x, y, Threshold.Parse(Percent(threshold)), SignificanceLevel.P05) switch
        {
            ComparisonResult.Greater => ChangeKind.Slower,
            ComparisonResult.Lesser => ChangeKind.Faster,
            ComparisonResult.Indistinguishable => ChangeKind.Same,
            _ => ChangeKind.Unknown,
        };
        return new Change(kind, current.Value / baseline.Value);
    }

    public static string Percent(double threshold) => (threshold * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public string Word => WordOf(Kind);

    public static string WordOf(ChangeKind kind) => kind switch
    {
        ChangeKind.Faster => "faster",
        ChangeKind.Slower => "slower",
        ChangeKind.Same => "not separable",
        _ => "unknown",
    };
}
