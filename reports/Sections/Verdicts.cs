using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// The per-page-list verdicts the headline and the verdict table both state, decided once: the densest encoding,
/// and the fastest per operation with what stands beside it (encodings not separable from it, lower estimates that
/// are not results, encodings not run).
/// </summary>
public static class Verdicts
{
    public sealed record DensestEncodings(IReadOnlyList<string> Encodings, double BytesPerPage)
    {
        public string ToString(string joiner) => string.Join(joiner, Encodings) + $" {Cells.Number(BytesPerPage)} B/page";
    }

    public static DensestEncodings? Densest(BatchResults results, PageListKey list)
    {
        var rows = results.Encodings.Select(e => results.DensityOf(e, list)).Where(r => r is { Supported: true, BytesPerPage: not null }).ToList();
        if (rows.Count == 0)
            return null;
        double best = rows.Min(r => r!.BytesPerPage!.Value);
        return new DensestEncodings(rows.Where(r => r!.BytesPerPage == best).Select(r => r!.Encoding).ToList(), best);
    }

    /// <param name="Best">the result with the lowest estimate, or null with <see cref="Missing"/> saying why there is none.</param>
    /// <param name="Ties">encodings the batch's significance test cannot separate from the best.</param>
    /// <param name="LowerBelowResolution">encodings whose estimate is lower but not a result (below resolution).</param>
    /// <param name="NotRun">cases of this operation and list planned and not run (an interrupted batch), of <paramref name="Planned"/>.</param>
    public sealed record Fastest((string Encoding, CaseEstimate Estimate)? Best, IReadOnlyList<string> Ties, IReadOnlyList<string> LowerBelowResolution,
        int NotRun, int Planned, string Missing);

    public static Fastest FastestOf(BatchResults results, string operation, PageListKey list)
    {
        var cases = results.Encodings.Select(e => (Encoding: e, Case: results.Case(operation, e, list))).Where(x => x.Case is not null).ToList();
        int notRun = cases.Count(x => x.Case!.Status == CaseStatus.Planned);
        if (!results.Timed)
            return new(null, [], [], notRun, cases.Count, "not timed");
        var timed = results.Encodings.Select(e => (Encoding: e, Estimate: results.Result(operation, e, list)))
            .Where(x => x.Estimate is not null).OrderBy(x => x.Estimate!.Value).Select(x => (x.Encoding, Estimate: x.Estimate!)).ToList();
        if (timed.Count == 0)
        {
            string missing = cases.Count == 0 ? ""
                : results.Encodings.Any(e => results.Estimate(operation, e, list) is not null) ? "no result (below resolution)"
                : notRun > 0 ? "not run"
                : Cells.NotApplicable;
            return new(null, [], [], notRun, cases.Count, missing);
        }
        var best = timed[0];
        var ties = timed.Skip(1).Where(x => results.Compare(best.Estimate, x.Estimate).Kind == ChangeKind.Same).Select(x => x.Encoding).ToList();
        var lower = results.Encodings.Where(e => results.Result(operation, e, list) is null
            && results.Estimate(operation, e, list) is { } estimate && estimate.Value < best.Estimate.Value).ToList();
        return new(best, ties, lower, notRun, cases.Count, "");
    }
}
