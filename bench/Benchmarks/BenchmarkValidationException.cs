namespace BenchSuite.Bench.Benchmarks;

/// <summary>A benchmark computed something other than the reference says: the batch stops, and the case is never timed.</summary>
public sealed class BenchmarkValidationException(string message) : Exception(message);
