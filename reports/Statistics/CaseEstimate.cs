using Perfolizer;
using Pragmastat;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;

namespace BenchSuite.Reports.Statistics;

/// <summary>
/// A case's median time per unit with its 95% confidence interval (Harrell-Davis median, Maritz-Jarrett interval,
/// from Perfolizer), and the sample it came from. A single measurement (the dry profile) has no interval: NaN.
/// </summary>
public sealed record CaseEstimate(double Median, double Lower, double Upper, IReadOnlyList<double> Values)
{
    public static CaseEstimate Of(IReadOnlyList<double> values)
    {
        var sample = new Sample(values.ToArray());
        var estimator = HarrellDavisQuantileEstimator.Instance;
        double median = estimator.Quantile(sample, Probability.Half);
        ConfidenceInterval interval = values.Count > 1
            ? estimator.QuantileConfidenceIntervalEstimator(sample, Probability.Half).ConfidenceInterval(ConfidenceLevel.L95)
            : new ConfidenceInterval(median, double.NaN, double.NaN, ConfidenceLevel.L95);
        return new CaseEstimate(median, interval.Lower, interval.Upper, values);
    }

    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);
}
