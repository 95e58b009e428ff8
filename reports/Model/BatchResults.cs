using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Model;

/// <summary>
/// Everything a report reads from one results folder: the environment, the batch's plan and outcomes, the density
/// rows, the footprint sweep (when the batch wrote one), and each measured case's sample from its BenchmarkDotNet
/// export. A missing or corrupt file is an <see cref="InvalidDataException"/> naming it.
/// </summary>
public sealed class BatchResults
{
    BatchResults(string path, EnvironmentFile environment, BatchFile batch, IReadOnlyList<DensityRow> density,
        IReadOnlyList<DensityRow> sweep, IReadOnlyDictionary<string, CaseEstimate> estimates)
    {
        Path = path;
        Environment = environment;
        Batch = batch;
        Density = density;
        Sweep = sweep;
        Estimates = estimates;
        PageLists = batch.Cases.Select(c => new PageListKey(c.Scenario, c.Size, c.PinnedBytes, c.Pages)).Distinct().ToList();
        Operations = batch.Cases.Select(OperationId).Distinct().ToList();
        _cases = batch.Cases.ToDictionary(c => (OperationId(c), c.Encoding, c.Scenario, c.PinnedBytes));
    }

    readonly Dictionary<(string Operation, string Encoding, string Scenario, ulong PinnedBytes), BatchCase> _cases;

    public string Path { get; }
    public EnvironmentFile Environment { get; }
    public BatchFile Batch { get; }
    public IReadOnlyList<DensityRow> Density { get; }
    public IReadOnlyList<DensityRow> Sweep { get; }
    /// <summary>By case id, for measured cases only.</summary>
    public IReadOnlyDictionary<string, CaseEstimate> Estimates { get; }

    public IReadOnlyList<string> Encodings => Batch.Options.Encodings;

    /// <summary>The batch's page lists in plan order.</summary>
    public IReadOnlyList<PageListKey> PageLists { get; }

    /// <summary>Operation ids in plan order.</summary>
    public IReadOnlyList<string> Operations { get; }

    /// <summary><c>Operation</c> or <c>Operation:variant</c>: the id without encoding, scenario and size.</summary>
    public static string OperationId(BatchCase c) => c.Id[..c.Id.IndexOf('/', StringComparison.Ordinal)];

    public BatchCase? Case(string operation, string encoding, PageListKey list) =>
        _cases.GetValueOrDefault((operation, encoding, list.Scenario, list.PinnedBytes));

    public CaseEstimate? Estimate(string operation, string encoding, PageListKey list) =>
        Case(operation, encoding, list) is { } c && Estimates.TryGetValue(c.Id, out CaseEstimate? e) ? e : null;

    public DensityRow? DensityOf(string encoding, PageListKey list) =>
        Density.FirstOrDefault(r => r.Encoding == encoding && r.Scenario == list.Scenario && r.PinnedBytes == list.PinnedBytes);

    public const string SweepFileName = "sweep.json";

    public static BatchResults Load(string directory)
    {
        string path = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(path))
            throw new InvalidDataException($"{directory}: no such results folder");
        BatchFile batch = BatchFile.Read(System.IO.Path.Combine(path, BatchFile.FileName));
        EnvironmentFile environment = EnvironmentFile.Read(System.IO.Path.Combine(path, EnvironmentFile.FileName));
        IReadOnlyList<DensityRow> density = ReadDensity(System.IO.Path.Combine(path, DensityFile.FileName), required: true);
        IReadOnlyList<DensityRow> sweep = ReadDensity(System.IO.Path.Combine(path, SweepFileName), required: false);
        var estimates = new SortedDictionary<string, CaseEstimate>(StringComparer.Ordinal);
        foreach (BatchCase c in batch.Cases.Where(c => c.Status == CaseStatus.Measured))
        {
            if (c.BdnFile is null)
                throw new InvalidDataException($"{System.IO.Path.Combine(path, BatchFile.FileName)}: measured case {c.Id} names no BenchmarkDotNet export");
            estimates[c.Id] = CaseEstimate.Of(BdnExport.ReadSample(System.IO.Path.Combine(path, "bdn", c.BdnFile)));
        }
        return new BatchResults(path, environment, batch, density, sweep, estimates);
    }

    static IReadOnlyList<DensityRow> ReadDensity(string path, bool required)
    {
        if (!File.Exists(path))
            return required ? throw new InvalidDataException($"{path}: not found") : [];
        return DensityFile.Deserialize(File.ReadAllText(path), path);
    }
}

/// <summary>One page list of a batch: a scenario at a size, and the pages it pins.</summary>
public sealed record PageListKey(string Scenario, string Size, ulong PinnedBytes, ulong Pages)
{
    public override string ToString() => $"{Scenario} {Size}";
}
