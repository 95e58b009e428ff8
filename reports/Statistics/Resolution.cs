using System.Globalization;

namespace BenchSuite.Reports.Statistics;

/// <summary>
/// Whether a case's estimate is a result a review can quote. It is not when one invocation does less than
/// <see cref="MinimumInvocationNs"/> of work (the timer's resolution and the call around the work weigh as much as
/// the work: what is left is "below resolution"), when its 95% interval is wider than the estimate itself, or when
/// nothing was timed (the dry profile). Such a case is shown with its reason and kept out of every verdict, ratio
/// and claim.
/// </summary>
public static class Resolution
{
    public const double MinimumInvocationNs = 100;

    /// <summary>Null for a result; otherwise why the case is not one.</summary>
    public static string? Problem(CaseEstimate estimate, long unitsPerInvocation, bool timed)
    {
        if (!timed)
            return "not timed (dry profile: one cold invocation)";
        double invocation = estimate.Value * unitsPerInvocation;
        if (invocation < MinimumInvocationNs)
            return string.Create(CultureInfo.InvariantCulture, $"below resolution: {invocation:0.#} ns of work per invocation, under {MinimumInvocationNs:0} ns");
        if (!estimate.HasInterval)
            return "below resolution: one measurement, no interval";
        if (estimate.Upper - estimate.Lower > estimate.Value)
            return "below resolution: its 95% interval is wider than the estimate";
        return null;
    }
}
