namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// What the last benchmark setup threw, for the batch: BenchmarkDotNet reports a failed setup only as a log line,
/// and the batch must tell "n/a" (the encoding cannot represent the input) from a wrong result.
/// </summary>
public static class SetupFailure
{
    public static volatile Exception? Last;
}
