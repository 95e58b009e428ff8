using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Benchmarks.Floor;

/// <summary>
/// How many times one Floor invocation reads a list's payload: enough passes for <see cref="MinBytesPerInvocation"/>,
/// so a list of a few hundred entries (a few KiB, tens of nanoseconds) still does more work per invocation than the
/// timer resolves. The batch plans it from the list's payload in <c>density.json</c> (units per invocation = pages ×
/// passes), and the benchmark's setup checks it against the list it built.
/// </summary>
public static class FloorPasses
{
    /// <summary>Bytes one invocation reads at least: 64 KiB takes about 300 ns here, well above the timer's resolution.</summary>
    public const long MinBytesPerInvocation = 64 * 1024;

    public static int For(long payloadBytes) =>
        payloadBytes <= 0 ? 1 : (int)Math.Max(1, (MinBytesPerInvocation + payloadBytes - 1) / payloadBytes);

    /// <summary>
    /// The batch's Floor cases not yet run, with pages × passes as their units per invocation, from the density rows
    /// of their encoding and page list (a list an encoding refuses keeps one pass: its case is n/a).
    /// </summary>
    public static IReadOnlyList<BatchCase> Plan(IReadOnlyList<BatchCase> cases, IReadOnlyList<DensityRow> density) =>
        cases.Select(c => c.Operation != "Floor" || c.RoundsDone > 0 ? c : c with
        {
            UnitsPerInvocation = (long)c.Pages * For(density.FirstOrDefault(r =>
                r.Encoding == c.Encoding && r.Scenario == c.Scenario && r.PinnedBytes == c.PinnedBytes)?.PayloadBytes ?? 0),
        }).ToList();
}
