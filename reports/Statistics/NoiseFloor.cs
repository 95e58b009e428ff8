namespace BenchSuite.Reports.Statistics;

/// <summary>
/// Noise floors as relative changes: three robust standard deviations (1.4826 × the median absolute deviation) of log
/// ratios. <see cref="Of"/>: how far two batches of the same code drift apart, from the comparison itself (the ratios
/// of all compared cases); <see cref="WithinBatch"/>: how far one batch's estimates move between its own placements.
/// A case is called faster or slower only beyond the larger of them and 5%.
/// </summary>
public static class NoiseFloor
{
    const double Sigmas = 3, MadToSigma = 1.4826;
    const int MaxRounds = 5;

    /// <summary>
    /// The drift between two batches. The spread is taken around the median ratio, so a change that moves every case
    /// still stands out, and re-estimated without the cases beyond it (sigma clipping), so a change in some cases does
    /// not hide itself by widening the floor.
    /// </summary>
    public static double Of(IReadOnlyList<double> ratios)
    {
        var logs = ratios.Where(r => double.IsFinite(r) && r > 0).Select(r => Math.Log(r)).ToList();
        if (logs.Count < 3)
            return 0;
        // Clip what lies beyond the floor and estimate again, so a real change in some cases (one encoding three times
        // slower) does not widen the floor that should expose it.
        var kept = logs;
        double limit = 0;
        for (int round = 0; round < MaxRounds; round++)
        {
            double centre = Median(kept);
            limit = ThreeSigmas(kept, centre);
            var next = logs.Where(l => Math.Abs(l - centre) <= limit).ToList();
            if (next.Count == kept.Count || next.Count < 3)
                break;
            kept = next;
        }
        return Math.Exp(limit) - 1;
    }

    /// <summary>
    /// The noise of one batch's estimates, from its own placement repeats: each case's estimate from its even rounds
    /// against its estimate from its odd rounds (disjoint placements, moments and neighbours in the shuffled order).
    /// Three robust standard deviations (1.4826 × MAD) of those log ratios, pooled over the cases, as a relative
    /// change. Each half has half the rounds, so two full estimates differ less than two halves do: the floor errs on
    /// the side of calling nothing. Zero when no case has two rounds.
    /// </summary>
    public static double WithinBatch(IEnumerable<CaseEstimate> estimates)
    {
        var logs = estimates.Select(e => e.HalfRatio).Where(r => double.IsFinite(r) && r > 0).Select(r => Math.Log(r)).ToList();
        if (logs.Count < 3)
            return 0;
        return Math.Exp(ThreeSigmas(logs, Median(logs))) - 1;
    }

    /// <summary>Three robust standard deviations of <paramref name="logs"/> around <paramref name="centre"/>.</summary>
    static double ThreeSigmas(List<double> logs, double centre) =>
        Sigmas * MadToSigma * Median(logs.Select(l => Math.Abs(l - centre)).ToList());

    static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
