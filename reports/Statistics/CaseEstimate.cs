using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace BenchSuite.Reports.Statistics;

/// <summary>
/// A case's time per unit: one estimator, used everywhere (progress line, <c>batch.json</c>, report), over every
/// iteration of every round (placement) of the case, with its 95% confidence interval, plus each round's own value and
/// the split-half ratio the within-batch noise is taken from (<see cref="NoiseFloor.WithinBatch"/>). A single
/// measurement (the dry profile) has no interval: NaN.
/// <para>
/// The estimator is a low quantile, <see cref="Quantile"/> by Harrell-Davis with a Maritz-Jarrett interval (Perfolizer).
/// On this machine the speed of the memory system changes in episodes of 0.1 to 1 s (a loop over 4 MiB in L3 moved
/// between 0.65 and 0.85 ns per line, one over 64 MiB between 3 and 6.6), unseen by the load average, while a round's
/// iterations, a few milliseconds apart, agree within about 3%. So rounds differ (about 15% between rounds of one
/// case) and a case's sample is a mixture of states in a proportion that changes from batch to batch: a median
/// follows the proportion, and so does any quantile near the share of one round (a 20th percentile over five rounds
/// was the least repeatable estimator tried). A quantile well inside the fastest round, over rounds spread across the
/// batch, lands on the machine's fast state whenever the case met it, and repeats: across processes, ten rounds gave
/// the same value within 8% for every case tried, so code placement moved nothing measurable. Two quick batches of
/// one build (8 rounds of 3 iterations) agreed within 15% on 95% of cases with the 1st percentile, 92% with the 5th,
/// 64% with the median; the minimum did as well as the 1st percentile, which keeps an interval.
/// </para>
/// </summary>
/// <param name="HalfRatio">The estimate from the even rounds over the estimate from the odd rounds: how far two
/// estimates of this case from disjoint placements and moments disagree. NaN with fewer than two rounds.</param>
public sealed record CaseEstimate(double Value, double Lower, double Upper, IReadOnlyList<double> Values, IReadOnlyList<double> RoundValues,
    double HalfRatio)
{
    public const double Quantile = 0.01;

    public const string Name = "Harrell-Davis 1st percentile of every iteration of every round";

    public static CaseEstimate Of(IReadOnlyList<double> values) => Of([values]);

    /// <param name="rounds">Each round's per-unit iteration times.</param>
    public static CaseEstimate Of(IReadOnlyList<IReadOnlyList<double>> rounds)
    {
        double[] values = rounds.SelectMany(r => r).ToArray();
        if (values.Length == 0)
            throw new ArgumentException("a case estimate needs at least one measurement", nameof(rounds));
        (double value, double lower, double upper) = Estimate(values);
        double halfRatio = rounds.Count < 2 ? double.NaN
            : Estimate(rounds.Where((_, i) => i % 2 == 0).SelectMany(r => r).ToArray()).Value
              / Estimate(rounds.Where((_, i) => i % 2 == 1).SelectMany(r => r).ToArray()).Value;
        return new CaseEstimate(value, lower, upper, values, rounds.Select(r => Estimate(r.ToArray()).Value).ToList(), halfRatio);
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
