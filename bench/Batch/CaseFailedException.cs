namespace BenchSuite.Bench.Batch;

/// <summary>A case that validated but could not be measured: the batch stops, keeping what it measured.</summary>
public sealed class CaseFailedException(string message) : Exception(message);
