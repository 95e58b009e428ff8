using System.Text.Json;
using BenchSuite.Bench.Batch;
using BenchSuite.Bench.Verbs;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Dma;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>
/// A tiny batch run in this process with BenchmarkDotNet's dry job (one encoding, one scenario, the smallest size):
/// the results folder holds every file, every planned case is measured once, and the JSON reads back.
/// </summary>
public sealed class BatchRunTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TinyDryBatchWritesACompleteResultsFolder()
    {
        string folder = _files.PathOf("batch");
        int exit = RunVerb.Run(["--profile", "dry", "--encodings", "rlist", "--scenarios", "rdma-4k", "--sizes", "4K", "--out", folder]);

        Assert.Equal(0, exit);
        BatchFile batch = BatchFile.Read(Path.Combine(folder, BatchFile.FileName));
        Assert.Equal("dry", batch.Profile);
        Assert.Equal(BatchOperation.All.Count, batch.Cases.Count);
        Assert.Equal(BatchOperation.Ids, batch.Cases.Select(c => c.Operation));
        Assert.Equal(1, batch.Rounds);
        Assert.Equal(CaseEstimate.Name, batch.Estimator);
        Assert.All(batch.Cases, c =>
        {
            Assert.Equal(CaseStatus.Measured, c.Status);
            Assert.Equal($"{c.Operation}/rlist/rdma-4k/4K", c.Id);
            Assert.Equal(1UL, c.Pages);
            // One page; Seek counts seeks, and Floor reads the 8-byte payload for 64 KiB: 8192 passes.
            Assert.Equal(c.Unit == BatchOperation.PerSeek ? 64 : c.Operation == "Floor" ? 8192 : 1, c.UnitsPerInvocation);
            Assert.NotNull(c.AllocatedBytesPerInvocation);   // the dry job's one cold call includes the JIT's allocations
            AssertBdnExport(Path.Combine(folder, "bdn", Assert.Single(c.BdnFiles)), c);
            Assert.NotNull(c.EstimateNs);
            Assert.StartsWith("not timed", c.BelowResolution);
        });

        EnvironmentFile environment = EnvironmentFile.Read(Path.Combine(folder, EnvironmentFile.FileName));
        Assert.Equal("dry", environment.Profile);
        Assert.Equal(Environment.ProcessorCount, environment.LogicalCores);
        Assert.Equal(["rlist"], environment.Options.Encodings);
        Assert.Single(environment.Sessions);
        Assert.Matches("^[0-9a-f]{40}$", environment.GitCommit);

        var density = DensityFile.Deserialize(File.ReadAllText(Path.Combine(folder, DensityFile.FileName)));
        DensityRow row = Assert.Single(density);
        Assert.Equal(("rlist", "rdma-4k", 4096UL), (row.Encoding, row.Scenario, row.PinnedBytes));
        Assert.Equal(MapperCatalog.All.Count, row.Dma.Count);
        var sweep = DensityFile.Deserialize(File.ReadAllText(Path.Combine(folder, BatchResults.SweepFileName)));
        Assert.Equal(BatchProfile.Find("dry").SweepSizes.Select(s => ByteSize.Parse(s)), sweep.Select(r => r.PinnedBytes));
        Assert.Equal("1T", BatchProfile.Find("quick").SweepSizes[^1]);
        // Claim C10's chunk figures, measured by the batch.
        Assert.Equal(4, ChunkFillFile.Deserialize(File.ReadAllText(Path.Combine(folder, ChunkFillFile.FileName))).Count);
        // The same page list within pci-default's limits, for claim C6: 64 KiB of pages in 64 KiB entries at most.
        DensityRow pci = Assert.Single(DensityFile.Deserialize(File.ReadAllText(Path.Combine(folder, BatchResults.DeviceDensityFileName("pci-default")))));
        Assert.Equal(["iommu"], pci.Dma.Select(d => d.Mapper));
        Assert.All(sweep, r => Assert.True(r.Supported && r.LargestAllocationBytes > 0));
        foreach (string file in new[] { "index.html", "report.md", "summary.txt", "time-rdma-4k-4K.svg", "time-rdma-4k-4K.png", "pareto-rdma-4k-4K.svg" })
            Assert.True(File.Exists(Path.Combine(folder, "report", file)), file);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*", SearchOption.AllDirectories));

        // A dry batch times nothing, so it judges nothing: no fastest encoding, no claim verdict.
        string summary = File.ReadAllText(Path.Combine(folder, "report", "summary.txt"));
        Assert.Contains("fastest Iterate: not timed", summary);
        Assert.Contains("not judged", summary);
        foreach (string verdict in new[] { "  holds", "does not hold", "  partly" })
            Assert.DoesNotContain(verdict, summary);
    }

    /// <summary>BenchmarkDotNet's full export of exactly this case: its method, parameters and per-page operations.</summary>
    static void AssertBdnExport(string path, BatchCase c)
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement benchmark = Assert.Single(json.RootElement.GetProperty("Benchmarks").EnumerateArray());
        Assert.Equal(c.Operation.Split(':')[0], benchmark.GetProperty("Method").GetString());
        string parameters = benchmark.GetProperty("Parameters").GetString()!;
        Assert.Contains("Scenario=rdma-4k", parameters);
        Assert.Contains("Size=4K", parameters);
        if (c.Operation.Contains(':'))
            Assert.Contains("=" + c.Operation.Split(':')[1], parameters);
        Assert.True(benchmark.GetProperty("Statistics").GetProperty("N").GetInt32() > 0);
        // The dry job invokes once per iteration, so each workload measurement counts exactly the case's units.
        var workload = benchmark.GetProperty("Measurements").EnumerateArray()
            .Where(m => m.GetProperty("IterationMode").GetString() == "Workload").ToList();
        Assert.NotEmpty(workload);
        Assert.All(workload, m => Assert.Equal(c.UnitsPerInvocation, m.GetProperty("Operations").GetInt64()));
    }
}
