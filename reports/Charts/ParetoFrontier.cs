namespace BenchSuite.Reports.Charts;

/// <summary>
/// The Pareto set of (cost, cost) pairs where smaller is better on both, such as bytes per page against ns per page:
/// the points no other point matches on both and beats on one. Ties on both keep every tied point.
/// </summary>
public static class ParetoFrontier
{
    /// <summary>Indices of the non-dominated points, in ascending X order (then Y, then index).</summary>
    public static IReadOnlyList<int> Indices(IReadOnlyList<(double X, double Y)> points) =>
        Enumerable.Range(0, points.Count)
            .Where(i => !points.Any(q => Dominates(q, points[i])))
            .OrderBy(i => points[i].X).ThenBy(i => points[i].Y).ThenBy(i => i)
            .ToList();

    static bool Dominates((double X, double Y) q, (double X, double Y) p) =>
        q.X <= p.X && q.Y <= p.Y && (q.X < p.X || q.Y < p.Y);
}
