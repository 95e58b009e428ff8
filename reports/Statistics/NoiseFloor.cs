namespace BenchSuite.Reports.Statistics;

/// <summary>
/// How far two batches of the same code drift apart, estimated from the comparison itself: three robust standard
/// deviations (1.4826 × the median absolute deviation) of the log ratios of medians over all compared cases, as a
/// relative change. Each case's test sees only its own iterations, which run in one process; on a shared machine
/// whole processes differ by more than that (two quick batches of one build here put only half their cases within
/// 30% of each other). A case is then called faster or slower only beyond max(threshold, this floor). The spread is
/// taken around the median ratio, so a change that moves every case still stands out.
/// </summary>
public static class NoiseFloor
{
    const double Sigmas = 3, MadToSigma = 1.4826;

    public static double Of(IReadOnlyList<double> ratios)
    {
        var logs = ratios.Where(r => double.IsFinite(r) && r > 0).Select(r => Math.Log(r)).ToList();
        if (logs.Count < 3)
            return 0;
        double centre = Median(logs);
        double mad = Median(logs.Select(l => Math.Abs(l - centre)).ToList());
        return Math.Exp(Sigmas * MadToSigma * mad) - 1;
    }

    static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
