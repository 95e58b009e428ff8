using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Model;

/// <summary>
/// Everything a report reads from one results folder: the environment, the batch's plan and outcomes, the density
/// rows, the footprint sweep and the chunk figures (when the batch wrote them), and each measured case's sample from
/// its BenchmarkDotNet export. A missing or corrupt file is an <see cref="InvalidDataException"/> naming it.
/// </summary>
public sealed class BatchResults
{
    BatchResults(string path, EnvironmentFile environment, BatchFile batch, IReadOnlyList<DensityRow> density,
        IReadOnlyList<DensityRow> sweep, IReadOnlyList<ChunkFillRow> chunkFill, IReadOnlyDictionary<string, IReadOnlyList<DensityRow>> deviceDensity,
        IReadOnlyDictionary<string, CaseEstimate> estimates)
    {
        ChunkFill = chunkFill;
        DeviceDensity = deviceDensity;
        Path = path;
        Environment = environment;
        Batch = batch;
        Density = density;
        Sweep = sweep;
        Estimates = estimates;
        ScenarioNames = new ScenarioNames(batch.Cases.Select(c => c.Scenario).Concat(density.Select(r => r.Scenario)).Concat(sweep.Select(r => r.Scenario)));
        PageLists = batch.Cases.Select(c => new PageListKey(c.Scenario, c.Size, c.PinnedBytes, c.Pages)).Distinct()
            .Select(l => l with { ScenarioName = ScenarioNames.Short(l.Scenario) }).ToList();
        Operations = batch.Cases.Select(OperationId).Distinct().ToList();
        _cases = batch.Cases.ToDictionary(c => (OperationId(c), c.Encoding, c.Scenario, c.PinnedBytes));
        Timed = batch.Profile != DryProfile;
        Problems = batch.Cases.Where(c => estimates.ContainsKey(c.Id))
            .Select(c => (c.Id, Problem: Resolution.Problem(estimates[c.Id], c.UnitsPerInvocation, Timed)))
            .Where(x => x.Problem is not null).ToDictionary(x => x.Id, x => x.Problem!);
        WithinBatchNoise = NoiseFloor.WithinBatch(estimates.Where(e => !Problems.ContainsKey(e.Key)).Select(e => e.Value));
        SeparationThreshold = Math.Max(Change.DefaultThreshold, WithinBatchNoise);
    }

    public const string DryProfile = "dry";

    readonly Dictionary<(string Operation, string Encoding, string Scenario, ulong PinnedBytes), BatchCase> _cases;

    public string Path { get; }

    /// <summary>How the report names the batch's scenarios: traces by file name, told apart where two share one.</summary>
    public ScenarioNames ScenarioNames { get; }
    public EnvironmentFile Environment { get; }
    public BatchFile Batch { get; }
    public IReadOnlyList<DensityRow> Density { get; }
    public IReadOnlyList<DensityRow> Sweep { get; }
    /// <summary>By device preset, the density of the batch's page lists within its limits, when the batch wrote it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DensityRow>> DeviceDensity { get; }

    /// <summary>The chunk figures of claim C10 (<c>chunks.json</c>), when the batch wrote them.</summary>
    public IReadOnlyList<ChunkFillRow> ChunkFill { get; }
    /// <summary>By case id, for measured cases only.</summary>
    public IReadOnlyDictionary<string, CaseEstimate> Estimates { get; }

    /// <summary>False for the dry profile: nothing it measured is a timing, and nothing is judged from it.</summary>
    public bool Timed { get; }

    /// <summary>By case id, the measured cases that are not results (<see cref="Resolution"/>), with why.</summary>
    public IReadOnlyDictionary<string, string> Problems { get; }

    /// <summary>The batch's own noise floor from its placement repeats (<see cref="NoiseFloor.WithinBatch"/>).</summary>
    public double WithinBatchNoise { get; }

    /// <summary>
    /// The smallest relative difference between two cases of this batch that a verdict may call: the larger of
    /// <see cref="Change.DefaultThreshold"/> and <see cref="WithinBatchNoise"/>.
    /// </summary>
    public double SeparationThreshold { get; }

    public IReadOnlyList<string> Encodings => Batch.Options.Encodings;

    /// <summary>The batch's page lists in plan order.</summary>
    public IReadOnlyList<PageListKey> PageLists { get; }

    /// <summary>Operation ids in plan order.</summary>
    public IReadOnlyList<string> Operations { get; }

    /// <summary><c>Operation</c> or <c>Operation:variant</c>: the id without encoding, scenario and size.</summary>
    /// <summary>What an operation's times are per: "page", or "seek" for Seek.</summary>
    public string UnitOf(string operation) => Batch.Cases.First(c => OperationId(c) == operation).Unit;

    public static string OperationId(BatchCase c) => c.Id[..c.Id.IndexOf('/', StringComparison.Ordinal)];

    public BatchCase? Case(string operation, string encoding, PageListKey list) =>
        _cases.GetValueOrDefault((operation, encoding, list.Scenario, list.PinnedBytes));

    /// <summary>The case's estimate, result or not: for tables and charts, which say which.</summary>
    public CaseEstimate? Estimate(string operation, string encoding, PageListKey list) =>
        Case(operation, encoding, list) is { } c && Estimates.TryGetValue(c.Id, out CaseEstimate? e) ? e : null;

    /// <summary>The case's estimate only when it is a result: what every verdict, ratio and claim reads.</summary>
    public CaseEstimate? Result(string operation, string encoding, PageListKey list) =>
        Case(operation, encoding, list) is { } c && !Problems.ContainsKey(c.Id) && Estimates.TryGetValue(c.Id, out CaseEstimate? e) ? e : null;

    /// <summary>Within this batch: how <paramref name="other"/> compares with <paramref name="reference"/>, at <see cref="SeparationThreshold"/>.</summary>
    public Change Compare(CaseEstimate reference, CaseEstimate other) => Change.Of(reference, other, SeparationThreshold);

    public DensityRow? DensityOf(string encoding, PageListKey list) =>
        Density.FirstOrDefault(r => r.Encoding == encoding && r.Scenario == list.Scenario && r.PinnedBytes == list.PinnedBytes);

    public const string SweepFileName = "sweep.json";

    /// <summary><c>density.DEVICE.json</c>: the batch's page lists built and mapped within a device preset's limits.</summary>
    public static string DeviceDensityFileName(string device) => $"density.{device}.json";

    public static BatchResults Load(string directory)
    {
        string path = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(path))
            throw new InvalidDataException($"{directory}: no such results folder");
        BatchFile batch = BatchFile.Read(System.IO.Path.Combine(path, BatchFile.FileName));
        EnvironmentFile environment = EnvironmentFile.Read(System.IO.Path.Combine(path, EnvironmentFile.FileName));
        IReadOnlyList<DensityRow> density = ReadDensity(System.IO.Path.Combine(path, DensityFile.FileName), required: true);
        IReadOnlyList<DensityRow> sweep = ReadDensity(System.IO.Path.Combine(path, SweepFileName), required: false);
        string chunksPath = System.IO.Path.Combine(path, ChunkFillFile.FileName);
        IReadOnlyList<ChunkFillRow> chunkFill = File.Exists(chunksPath) ? ChunkFillFile.Deserialize(File.ReadAllText(chunksPath), chunksPath) : [];
        var deviceDensity = new SortedDictionary<string, IReadOnlyList<DensityRow>>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(path, DeviceDensityFileName("*")))
        {
            string name = System.IO.Path.GetFileName(file);
            deviceDensity[name["density.".Length..^".json".Length]] = ReadDensity(file, required: true);
        }
        var estimates = new SortedDictionary<string, CaseEstimate>(StringComparer.Ordinal);
        foreach (BatchCase c in batch.Cases.Where(c => c.Status == CaseStatus.Measured))
        {
            if (c.BdnFiles is not { Count: > 0 })
                throw new InvalidDataException($"{System.IO.Path.Combine(path, BatchFile.FileName)}: measured case {c.Id} names no BenchmarkDotNet export");
            estimates[c.Id] = CaseEstimate.Of(BdnExport.ReadRounds(System.IO.Path.Combine(path, "bdn"), c.BdnFiles));
        }
        return new BatchResults(path, environment, batch, density, sweep, chunkFill, deviceDensity, estimates);
    }

    static IReadOnlyList<DensityRow> ReadDensity(string path, bool required)
    {
        if (!File.Exists(path))
            return required ? throw new InvalidDataException($"{path}: not found") : [];
        return DensityFile.Deserialize(File.ReadAllText(path), path);
    }
}

/// <summary>
/// One page list of a batch: a scenario at a size, and the pages it pins. <see cref="ScenarioName"/> is how the report
/// names it (set by <see cref="BatchResults"/>, which knows the batch's other traces); it is not part of its identity.
/// </summary>
public sealed record PageListKey(string Scenario, string Size, ulong PinnedBytes, ulong Pages)
{
    /// <summary>The scenario as a reader names it: a trace (<c>trace:PATH</c>) by its file name; the environment section has the path.</summary>
    public string ScenarioName { get; init; } = ScenarioNames.Basic(Scenario);

    /// <summary>What names the list's charts and files: scenario (or trace file name) and size.</summary>
    public string Name => $"{ScenarioName}-{Size}";

    public bool Equals(PageListKey? other) =>
        other is not null && Scenario == other.Scenario && Size == other.Size && PinnedBytes == other.PinnedBytes && Pages == other.Pages;

    public override int GetHashCode() => HashCode.Combine(Scenario, Size, PinnedBytes, Pages);

    public override string ToString() => $"{ScenarioName} {Size}";
}

/// <summary>
/// Traces by file name in labels, titles and file names, so a long path does not fill every one of them. Two traces
/// of one batch with the same file name go by their folder and file name, then by a number, so no two page lists
/// share a name (nor a chart file).
/// </summary>
public sealed class ScenarioNames
{
    const string TracePrefix = "trace:";   // the workloads' ScenarioCatalog.TracePrefix
    readonly Dictionary<string, string> _names = [];

    public ScenarioNames(IEnumerable<string> scenarios)
    {
        var traces = scenarios.Distinct().Where(s => s.StartsWith(TracePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        foreach (var clash in traces.GroupBy(Basic))
        {
            var paths = clash.ToList();
            if (paths.Count == 1)
            {
                _names[paths[0]] = clash.Key;
                continue;
            }
            foreach (var same in paths.GroupBy(p => TracePrefix + Path.Combine(Path.GetFileName(Path.GetDirectoryName(p[TracePrefix.Length..])) ?? "", Path.GetFileName(p))))
            {
                var list = same.ToList();
                for (int i = 0; i < list.Count; i++)
                    _names[list[i]] = list.Count == 1 ? same.Key : $"{same.Key}#{i + 1}";
            }
        }
    }

    /// <summary>A trace by its file name; any other scenario as it is.</summary>
    public static string Basic(string scenario) =>
        scenario.StartsWith(TracePrefix, StringComparison.Ordinal) ? TracePrefix + Path.GetFileName(scenario[TracePrefix.Length..]) : scenario;

    public string Short(string scenario) => _names.TryGetValue(scenario, out string? name) ? name : Basic(scenario);

    /// <summary>A case id (<c>operation/encoding/scenario/size</c>) with its trace, if any, by its short name.</summary>
    public string ShortCaseId(string id)
    {
        int start = id.IndexOf("/" + TracePrefix, StringComparison.Ordinal), end = id.LastIndexOf('/');
        return start < 0 || end <= start ? id : id[..(start + 1)] + Short(id[(start + 1)..end]) + id[end..];
    }
}
