using System.Text.Json;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Tests.Reports;

/// <summary>
/// Writes a results folder without running anything: the batch's files in their real formats, each measured case
/// with <see cref="Rounds"/> BenchmarkDotNet-shaped exports of <see cref="Iterations"/> per-page timings drawn around a
/// known time with 2% noise from a fixed seed. <paramref name="slowdown"/> multiplies one encoding's times, as a
/// regression would; <paramref name="roundNoise"/> moves each round as a whole, as another placement in memory does;
/// <paramref name="processNoise"/> moves each case as a whole, as another process does.
/// </summary>
public static class SyntheticResults
{
    public const int Iterations = 3;
    public const int Rounds = 8;
    public static readonly string[] Encodings = ["scatterlist", "phyr16", "order8", "rlist", "pagearray", "biovec"];
    public static readonly string[] Scenarios = ["rdma-4k", "rdma-thp", "p2p-mixed"];
    public static readonly string[] Operations = ["Build", "Iterate", "DmaMap:iommu", "Floor"];

    public static string Write(string folder, int seed, string? slowEncoding = null, double slowdown = 1.3, double processNoise = 0,
        double roundNoise = 0, bool sameTimes = false, string[]? scenarios = null, string[]? encodings = null)
    {
        scenarios ??= Scenarios;
        encodings ??= Encodings;
        Directory.CreateDirectory(Path.Combine(folder, "bdn"));
        var random = new Random(seed);
        var cases = new List<BatchCase>();
        foreach (string scenario in scenarios)
        foreach (string operation in Operations)
        foreach (string encoding in encodings)
        {
            string id = $"{operation}/{encoding}/{scenario}/4M";
            var c = new BatchCase(id, operation, encoding, scenario, "4M", 4UL << 20, 1024, "page", 1024, CaseStatus.Measured, null,
                1000, [], null, null, null, null, null, 0);
            if (encoding == "pagearray" && scenario == "p2p-mixed" && operation.StartsWith("DmaMap", StringComparison.Ordinal))
            {
                cases.Add(c with { Status = CaseStatus.NotApplicable, Reason = "a P2P bus address per page is not modelled" });
                continue;
            }
            // A time that differs per case (or, with sameTimes, only per operation and page list), fixed by the case, not by
            // the seed, as the same code measures the same.
            double median = 0.5 + StableHash(sameTimes ? $"{operation}/{scenario}" : id) % 1000 / 50.0;
            if (encoding == slowEncoding)
                median *= slowdown;
            // Whole-process placement: every iteration of the case moves together, by up to processNoise either way.
            median *= 1 + processNoise * (2 * random.NextDouble() - 1);
            var files = new List<string>();
            for (int round = 0; round < Rounds; round++)
            {
                double placed = median * (1 + roundNoise * (2 * random.NextDouble() - 1));
                string file = id.Replace('/', '.').Replace(':', '-') + $".r{round}.json";
                WriteExport(Path.Combine(folder, "bdn", file), Enumerable.Range(0, Iterations).Select(_ => placed * (1 + 0.02 * Gaussian(random))).ToList());
                files.Add(file);
            }
            cases.Add(c with { BdnFiles = files, EstimateNs = median, InvocationNs = median * 1024 });
        }
        var options = new BatchOptions(encodings, scenarios, ["4M"], Operations, 1, null);
        File.WriteAllText(Path.Combine(folder, BatchFile.FileName), new BatchFile(BatchFile.CurrentSchema, "quick", "quick(IterationCount=12)", Rounds, 7, "synthetic", options,
            scenarios.Select(sc => new BatchInput(sc, 4UL << 20, "0123456789abcdef")).ToList(), cases).Serialize());
        var environment = new EnvironmentFile(EnvironmentFile.CurrentSchema, "Test CPU", 2600, 2, 24L << 30, "KVM", "Linux", "6.18", ".NET 10", "0.15.8", "in-process",
            "0123456789abcdef0123456789abcdef01234567", false, "quick", options, "quick",
            [new BatchSession(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), "0123456789abcdef0123456789abcdef01234567", false, "run", 0.5, 0.7)]);
        File.WriteAllText(Path.Combine(folder, EnvironmentFile.FileName), environment.Serialize());
        File.WriteAllText(Path.Combine(folder, DensityFile.FileName), DensityFile.Serialize(Density([4UL << 20], scenarios, encodings)));
        File.WriteAllText(Path.Combine(folder, BatchResults.SweepFileName), DensityFile.Serialize(Density([1UL << 20, 1UL << 30, 1UL << 40], scenarios, encodings)));
        return folder;
    }

    /// <summary>Density rows with plausible shapes: 16 B per run for phyr16, 8 for rlist, one IOMMU segment without P2P.</summary>
    static List<DensityRow> Density(IEnumerable<ulong> sizes, string[] scenarios, string[] encodings) =>
        sizes.SelectMany(size => scenarios.SelectMany(scenario => encodings.Select(encoding =>
        {
            long pages = (long)(size / 4096), runs = scenario == "rdma-4k" ? pages * 4 / 10 : Math.Max(1, pages / 512);
            (long entries, long entryBytes) = encoding.Split('@')[0] switch
            {
                "pagearray" => (pages, 8),
                "rlist" or "order8" => (runs, 8),
                "scatterlist" => (runs, 32),
                _ => (runs, 16),
            };
            long allocated = entries * entryBytes + 64 + (encoding == "rlist@chunk=4096" ? 4096 : 0);
            long largest = encoding == "pagearray" ? pages * 8 : Math.Min(allocated, encoding == "rlist" ? 512 : 4096);
            var dma = new List<DmaDensity>
            {
                new("direct", entries, entries, 0, 0, true, null),
                new("iommu", 1, 1, 32, 32.0 / pages, true, null, MapCalls: runs, PtesWritten: pages, PageTableWalks: 1, Syncs: 1),
                new("p2p", scenario == "p2p-mixed" ? 2 : 1, 2, 48, 48.0 / pages, true, null),
                // The two-step API: a link per range and one sync (hmm_dma_map: a link and a sync per page), the state kept.
                encoding == "pagearray"
                    ? new("iova-link", 1, pages, pages * 8 + 40, (pages * 8 + 40.0) / pages, true, null, MapCalls: pages, PtesWritten: pages, PageTableWalks: 1, Syncs: pages)
                    : new("iova-link", 1, 0, 16, 16.0 / pages, true, null, MapCalls: runs, PtesWritten: pages, PageTableWalks: 1, Syncs: 1),
            };
            return new DensityRow(encoding, scenario, size, (ulong)pages, entries, entries * entryBytes, allocated, 1 + allocated / 4096,
                (double)allocated / pages, true, null, dma, largest);
        }))).ToList();

    static void WriteExport(string path, IReadOnlyList<double> nsPerPage)
    {
        var measurements = new List<object>
        {
            new { IterationMode = "Overhead", IterationStage = "Actual", LaunchIndex = 1, IterationIndex = 1, Operations = 1024L, Nanoseconds = 50.0 },
        };
        measurements.AddRange(nsPerPage.Select((ns, i) =>
            (object)new { IterationMode = "Workload", IterationStage = "Result", LaunchIndex = 1, IterationIndex = i + 1, Operations = 1024L * 1000, Nanoseconds = ns * 1024 * 1000 }));
        File.WriteAllText(path, JsonSerializer.Serialize(new { Title = "synthetic", Benchmarks = new[] { new { Measurements = measurements } } }));
    }

    /// <summary>FNV-1a: string.GetHashCode differs from process to process.</summary>
    static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
            hash = (hash ^ c) * 16777619;
        return hash;
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
