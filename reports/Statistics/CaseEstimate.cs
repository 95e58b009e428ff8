using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace BenchSuite.Reports.Statistics;

/// <summary>
/// A case's time per unit: one estimator, used everywhere (progress line, <c>batch.json</c>, report), over every
/// iteration of every round (placement) of the case, with its 95% confidence interval, plus each round's own value
/// (for the within-batch noise, <see cref="BatchNoise"/>). A single measurement (the dry profile) has no interval: NaN.
/// <para>
/// The estimator is a low quantile, <see cref="Quantile"/> by Harrell-Davis with a Maritz-Jarrett interval (Perfolizer):
/// on this machine memory speed switches between two modes about 2x apart every 0.1 to 1 s, unseen by the load
/// average, so a case's iterations are a mixture of a fast and a slow mode in a proportion that changes from run to
/// run. A median follows the proportion and moves up to 2.5x between batches; a low quantile of many short iterations
/// spread over several rounds lands in the fast mode whenever the case saw it at all, and repeats. The minimum would
/// too, but it rests on one iteration; the quantile below keeps an interval.
/// </para>
/// </summary>
public sealed record CaseEstimate(double Value, double Lower, double Upper, IReadOnlyList<double> Values, IReadOnlyList<double> RoundValues)
{
    public const double Quantile = 0.2;

    public const string Name = "Harrell-Davis 20th percentile of every iteration of every round";

    public static CaseEstimate Of(IReadOnlyList<double> values) => Of([values]);

    /// <param name="rounds">Each round's per-unit iteration times.</param>
    public static CaseEstimate Of(IReadOnlyList<IReadOnlyList<double>> rounds)
    {
        double[] values = rounds.SelectMany(r => r).ToArray();
        if (values.Length == 0)
            throw new ArgumentException("a case estimate needs at least one measurement", nameof(rounds));
        (double value, double lower, double upper) = Estimate(values);
        return new CaseEstimate(value, lower, upper, values, rounds.Select(r => Estimate(r.ToArray()).Value).ToList());
    }

    static (double Value, double Lower, double Upper) Estimate(double[] values)
    {
        var sample = new Sample(values);
        var estimator = HarrellDavisQuantileEstimator.Instance;
        var p = new Probability(Quantile);
        double value = estimator.Quantile(sample, p);
        if (values.Length < 2)
            return (value, double.NaN, double.NaN);
        ConfidenceInterval interval = estimator.QuantileConfidenceIntervalEstimator(sample, p).ConfidenceInterval(ConfidenceLevel.L95);
        return (value, interval.Lower, interval.Upper);
    }

    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);
}
