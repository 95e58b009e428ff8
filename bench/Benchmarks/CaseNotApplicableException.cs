namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// The encoding (or its DMA output, or the consumer) cannot represent this case's input: not a failure but a result,
/// recorded as "n/a" with the reason and shown so in the reports.
/// </summary>
public sealed class CaseNotApplicableException(string reason) : Exception(reason);
