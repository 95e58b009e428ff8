
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
/// Classifies a current estimate against a baseline estimate by their ratio and a relative threshold: "slower" when
/// the current is more than the threshold above the baseline, "faster" when the baseline is, "not separable"
/// (<see cref="ChangeKind.Same"/>) otherwise: not that they are equal, only that this measurement cannot tell them
/// apart. The threshold is where the noise is accounted for: callers pass one measured from the batches themselves
/// (<see cref="NoiseFloor"/>), three robust standard deviations of the estimator. A rank test over the pooled
/// iterations is not used: on this machine they mix fast and slow memory states, and the test then calls the mixture's
/// proportion, not the code's speed.
/// </summary>
public sealed record Change(ChangeKind Kind, double Ratio)
{
    public const double DefaultThreshold = 0.05;

    public static Change Of(CaseEstimate baseline, CaseEstimate current, double threshold = DefaultThreshold)
    {
        double ratio = current.Value / baseline.Value;
        ChangeKind kind = !baseline.HasInterval || !current.HasInterval ? ChangeKind.Unknown
            : ratio > 1 + threshold ? ChangeKind.Slower
            : ratio < 1 / (1 + threshold) ? ChangeKind.Faster
            : ChangeKind.Same;
        return new Change(kind, ratio);
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
