using System.Text.Json;

namespace BenchSuite.Reports.Results;

/// <summary>What became of a planned case.</summary>
public static class CaseStatus
{
    /// <summary>Not run yet (or interrupted while running): <c>run --resume</c> runs it.</summary>
    public const string Planned = "planned";
    public const string Measured = "measured";
    /// <summary>The encoding, its DMA output or the consumer cannot represent the input; <c>Reason</c> says why.</summary>
    public const string NotApplicable = "n/a";
    /// <summary>Its result disagreed with the reference, or it threw: the batch stopped here; <c>Reason</c> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One benchmark case of a batch: operation × encoding × page list. <see cref="Id"/> is permanent
/// (<c>Operation/encoding/scenario/size</c>); comparisons between batches match on it. Timings are per
/// <see cref="Unit"/> (a page, or a seek): BenchmarkDotNet ran <see cref="UnitsPerInvocation"/> units per invocation
/// as its OperationsPerInvoke, so every statistic in the exports is already per unit.
/// <para>
/// A case is measured in rounds (placements): each round is one BenchmarkDotNet run with its own setup, so the list
/// lives in fresh memory, at another moment of the batch, between other cases. <see cref="BdnFiles"/> has one export
/// per round done; the estimate (<see cref="EstimateNs"/>, named by <see cref="BatchFile.Estimator"/>) pools them all.
/// <see cref="BelowResolution"/> is set when the case is not a result (too little work per invocation, or an
/// interval wider than the estimate): it is then shown as such and kept out of every verdict.
/// </para>
/// </summary>
public sealed record BatchCase(
    string Id,
    string Operation,
    string Encoding,
    string Scenario,
    string Size,
    ulong PinnedBytes,
    ulong Pages,
    string Unit,
    long UnitsPerInvocation,
    string Status,
    string? Reason,
    long? InvocationsPerIteration,
    IReadOnlyList<string> BdnFiles,
    double? EstimateNs,
    double? LowerNs,
    double? UpperNs,
    double? InvocationNs,
    string? BelowResolution,
    long? AllocatedBytesPerInvocation)
{
    public BatchCase WithOutcome(string status, string? reason) => this with { Status = status, Reason = reason };

    public int RoundsDone => BdnFiles.Count;
}

/// <summary>One page list of a batch (a scenario at a size, or a trace) and the fingerprint of the pages it pins.</summary>
public sealed record BatchInput(string Scenario, ulong PinnedBytes, string Fingerprint);

/// <summary>What a batch was asked to run, as given on the command line after defaults.</summary>
public sealed record BatchOptions(
    IReadOnlyList<string> Encodings,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Sizes,
    IReadOnlyList<string> Operations,
    ulong Seed,
    string? Baseline);

/// <summary>
/// <c>batch.json</c>: the batch's plan and every case's outcome, rewritten atomically after each case, so an
/// interrupted batch says exactly what is left to run.
/// </summary>
/// <param name="Rounds">Placements (BenchmarkDotNet runs, each with its own setup) per case.</param>
/// <param name="OrderSeed">Seeds each round's shuffle of the case order, so the order can be replayed.</param>
/// <param name="Estimator">What <see cref="BatchCase.EstimateNs"/> is, in words.</param>
/// <param name="Inputs">Each page list's fingerprint when the batch began: a resume refuses inputs that changed.</param>
public sealed record BatchFile(string Schema, string Profile, string Job, int Rounds, ulong OrderSeed, string Estimator,
    BatchOptions Options, IReadOnlyList<BatchInput> Inputs, IReadOnlyList<BatchCase> Cases)
{
    public const string CurrentSchema = "benchsuite.batch/v2";
    public const string FileName = "batch.json";

    public string Serialize() => JsonSerializer.Serialize(this, ResultsJson.Options);

    public static BatchFile Read(string path)
    {
        BatchFile batch = ResultsJson.Read<BatchFile>(path, CurrentSchema, b => b.Schema);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (BatchCase c in batch.Cases)
        {
            // The id is what comparisons match on, and every reader splits it: it must say what the case is.
            if (c.Id != $"{c.Operation}/{c.Encoding}/{c.Scenario}/{c.Size}")
                throw new InvalidDataException($"{path}: case id '{c.Id}' is not its operation/encoding/scenario/size ({c.Operation}/{c.Encoding}/{c.Scenario}/{c.Size})");
            if (!ids.Add(c.Id))
                throw new InvalidDataException($"{path}: case {c.Id} is listed twice");
        }
        return batch;
    }
}
