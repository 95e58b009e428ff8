using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Sections;
using BenchSuite.Reports.Statistics;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Writing;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Reports;

/// <summary>The verdicts the headline and the verdict table state: the Pareto set read through noise, the fastest and what it leaves out.</summary>
public sealed class VerdictTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    static CaseEstimate Ns(double value) => new(value, value * 0.99, value * 1.01, [value], [value], 1);

    /// <summary>Same within 15%, else faster or slower: the second estimate against the first.</summary>
    static ChangeKind Within15(CaseEstimate a, CaseEstimate b) =>
        b.Value / a.Value is var r && r > 1.15 ? ChangeKind.Slower : r < 1 / 1.15 ? ChangeKind.Faster : ChangeKind.Same;

    [Fact]
    public void NotSeparableDoesNotChainThroughTheParetoSet()
    {
        // rlist ~ order8 and order8 ~ phyr16 in time, but phyr16 is 25% faster than rlist: order8 is out (rlist is
        // smaller and no slower), and being out it cannot take phyr16 with it.
        List<TradeOffSection.TradeOffPoint> points =
        [
            new("phyr16", 6.13, Ns(0.429)),
            new("order8", 4.25, Ns(0.48)),
            new("rlist", 3.1, Ns(0.536)),
            new("scatterlist", 12.3, Ns(0.6)),
        ];
        Assert.Equal(["rlist", "phyr16"], TradeOffSection.ParetoSet(points, Within15).Select(p => p.Encoding));
        // Separable everywhere (a 1% threshold), order8 is faster than rlist and smaller than phyr16: all three stay.
        Assert.Equal(["rlist", "order8", "phyr16"], TradeOffSection.ParetoSet(points, (a, b) => b.Value < a.Value * 0.99 ? ChangeKind.Faster : b.Value > a.Value * 1.01 ? ChangeKind.Slower : ChangeKind.Same).Select(p => p.Encoding));
    }

    [Fact]
    public void TheFastestSaysWhenALowerTimeIsBelowResolution()
    {
        string folder = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        var results = BatchResults.Load(folder);
        PageListKey list = results.PageLists.First(l => l.Scenario == "rdma-4k");
        string fastest = Verdicts.FastestOf(results, "Iterate", list).Best!.Value.Encoding;

        // The fastest's case made too short to time: the next one is fastest among results, and says so.
        string path = Path.Combine(folder, BatchFile.FileName);
        BatchFile batch = BatchFile.Read(path);
        File.WriteAllText(path, (batch with
        {
            Cases = batch.Cases.Select(c => c.Operation == "Iterate" && c.Encoding == fastest && c.Scenario == "rdma-4k" ? c with { UnitsPerInvocation = 1, InvocationNs = c.EstimateNs } : c).ToList(),
        }).Serialize());
        results = BatchResults.Load(folder);
        Verdicts.Fastest now = Verdicts.FastestOf(results, "Iterate", list);
        Assert.NotEqual(fastest, now.Best!.Value.Encoding);
        Assert.Equal([fastest], now.LowerBelowResolution);
        Assert.Contains($"({fastest} lower, below resolution)", TradeOffSection.Fastest(results, "Iterate", list));
        string summary = File.ReadAllText(Path.Combine(ReportWriter.Write(folder), ReportWriter.SummaryFile));
        Assert.Contains("* a lower time below resolution", summary.Replace("\n", " "));
        Assert.Matches(@"\nIterate +\S+ [0-9.]+ ns \+-\S+( ~)? \*", summary);
    }

    [Fact]
    public void AnInterruptedBatchSaysHowManyRan()
    {
        string folder = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        string path = Path.Combine(folder, BatchFile.FileName);
        BatchFile batch = BatchFile.Read(path);
        File.WriteAllText(path, (batch with
        {
            Cases = batch.Cases.Select(c => c.Operation == "Build" && c.Encoding is "rlist" or "order8" ? c with { Status = CaseStatus.Planned, BdnFiles = [], EstimateNs = null } : c).ToList(),
        }).Serialize());
        var results = BatchResults.Load(folder);
        Verdicts.Fastest build = Verdicts.FastestOf(results, "Build", results.PageLists[0]);
        Assert.Equal((2, 6), (build.NotRun, build.Planned));
        string summary = File.ReadAllText(Path.Combine(ReportWriter.Write(folder), ReportWriter.SummaryFile));
        Assert.Matches(@"\nBuild +\S+ [0-9.]+ ns \+-\S+( ~)?( \*)? 4/6", summary);
        Assert.Contains("k/n: only k of the n encodings ran", summary);
    }
}

/// <summary>The design-knobs section: a batch that sweeps a knob shows its variants side by side, and one that does not has no section.</summary>
public sealed class KnobsSectionTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ASweptKnobShowsItsVariantsSideBySide()
    {
        string folder = SyntheticResults.Write(_files.PathOf("a"), seed: 1,
            encodings: ["scatterlist", "rlist@chunk=128", "rlist", "rlist@chunk=4096", "phyr16@len=60"]);
        Section knobs = KnobsSection.Build(BatchResults.Load(folder))!;
        var tables = knobs.Blocks.OfType<BenchSuite.Reports.Documents.Table>().ToList();
        // rlist's chunk, swept: its values in the knob's order; phyr16's len has one value here, so no sweep.
        Assert.Equal(["page list", "chunk=128", "chunk=512", "chunk=4096"], tables[0].Header);
        Assert.DoesNotContain(tables, t => t.Caption.StartsWith("phyr16", StringComparison.Ordinal));
        // A density chart, and a time chart per page list with the three variants.
        var figures = knobs.Blocks.OfType<BenchSuite.Reports.Documents.Figure>().ToList();
        Assert.Equal(1 + SyntheticResults.Scenarios.Length, figures.Count);
        Assert.All(figures.Skip(1), f => Assert.Equal(["rlist@chunk=128", "rlist", "rlist@chunk=4096"], f.Chart.Series.Select(s => s.Name)));
        // Times per page list with their intervals; density as counted.
        Assert.Contains(tables, t => t.Caption == "rlist chunk: rdma-4k 4M, ns per page" && t.Rows.Any(r => r[0] == "Iterate" && r[1].Contains('±')));
        Assert.NotEqual(tables[0].Rows[0][2], tables[0].Rows[0][3]);

        Assert.Null(KnobsSection.Build(BatchResults.Load(SyntheticResults.Write(_files.PathOf("b"), seed: 1))));
    }
}
