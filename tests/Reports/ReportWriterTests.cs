using System.Xml.Linq;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Sections;
using BenchSuite.Reports.Statistics;
using BenchSuite.Reports.Writing;
using BenchSuite.Tests.Bench;
using BenchSuite.Tests.Workloads;
using Xunit;

namespace BenchSuite.Tests.Reports;

/// <summary>Reports of synthetic results folders: every file, every encoding and scenario, stable bytes, comparisons.</summary>
public sealed class ReportWriterTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TheReportHasEveryOutputAndEveryEncodingAndScenario()
    {
        string folder = ReportWriter.Write(SyntheticResults.Write(_files.PathOf("a"), seed: 1));

        string html = File.ReadAllText(Path.Combine(folder, ReportWriter.HtmlFile));
        string markdown = File.ReadAllText(Path.Combine(folder, ReportWriter.MarkdownFile));
        string summary = File.ReadAllText(Path.Combine(folder, ReportWriter.SummaryFile));
        foreach (string name in SyntheticResults.Encodings.Concat(SyntheticResults.Scenarios))
        {
            Assert.Contains(name, html);
            Assert.Contains(name, markdown);
            Assert.Contains(name, summary);
        }
        Assert.All(summary.Split('\n'), line => Assert.True(line.Length < 80 && line.All(char.IsAscii), line));
        // Intervals are in the text and the Markdown, not only in the charts.
        Assert.Contains(" +-", summary);
        Assert.Contains(" ±", markdown);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html);

        var svgs = Directory.GetFiles(folder, "*.svg");
        Assert.Contains(Path.Combine(folder, "density-4M.svg"), svgs);
        Assert.Contains(Path.Combine(folder, "footprint-rdma-4k.svg"), svgs);
        Assert.Contains(Path.Combine(folder, "time-rdma-4k-4M.svg"), svgs);
        Assert.Contains(Path.Combine(folder, "pareto-p2p-mixed-4M.svg"), svgs);
        foreach (string svg in svgs)
        {
            // Drawn with text, and a PNG beside every SVG, both linked from the Markdown.
            Assert.Contains(XDocument.Load(svg).Descendants(XName.Get("text", "http://www.w3.org/2000/svg")), t => t.Value.Length > 0);
            Assert.Contains($"({Path.GetFileName(svg)})", markdown);
            string png = Path.ChangeExtension(svg, ".png");
            Assert.True(File.Exists(png), png);
            Assert.Contains($"({Path.GetFileName(png)})", markdown);
        }
        // Inline in the page: one <svg> per chart file.
        Assert.Equal(svgs.Length, html.Split("<svg ").Length - 1);
        Assert.Contains("n/a", html);
        Assert.Contains("not modelled", summary);   // the n/a reason, as the summary wraps it
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void TheHeadlineOpensTheSummaryInOneScreen(int pageLists)
    {
        // Traces with the same file name in two folders: told apart by their folder.
        string Trace(int i) => i == 1 ? "trace:/very/long/path/other/capture-0.trace" : $"trace:/very/long/path/to/capture-{i}.trace";
        string[] scenarios = [.. SyntheticResults.Scenarios, .. Enumerable.Range(0, pageLists - 3).Select(Trace)];
        string folder = ReportWriter.Write(SyntheticResults.Write(_files.PathOf($"h{pageLists}"), seed: 1, scenarios: scenarios));
        string[] summary = File.ReadAllLines(Path.Combine(folder, ReportWriter.SummaryFile));
        // The title, then the headline, which ends where the next section's heading starts.
        Assert.Equal("Headline", summary[3]);
        int end = Array.FindIndex(summary, 4, l => l == "Overview") - 1;
        Assert.Equal("", summary[end]);
        Assert.InRange(end, 10, 40);
        string headline = string.Join("\n", summary[..end]);
        Assert.Contains("Pareto set", headline);
        Assert.Contains("Claims: C1 ", headline);
        Assert.All(summary[..end], line => Assert.True(line.Length < 80 && line.All(char.IsAscii), line));
        // Traces by file name, never their path; page lists that do not fit are named.
        Assert.DoesNotContain("/very/long", headline);
        // Every page list is in a block or named as one that did not fit.
        int shown = summary[..end].Count(l => l.StartsWith("Build ", StringComparison.Ordinal)) * 2;
        if (shown < pageLists)
            Assert.Contains($"{pageLists - shown} more page lists (trace:capture-", headline);
        else
            Assert.Contains("p2p-mixed 4M", headline);
        // The full path once per trace, in the environment section; file names by the trace's file name.
        string all = File.ReadAllText(Path.Combine(folder, ReportWriter.MarkdownFile));
        Assert.Equal(pageLists - 3, all.Split("/very/long/path").Length - 1);
        Assert.All(Directory.GetFiles(folder), f => Assert.DoesNotContain("very", Path.GetFileName(f)));
        if (pageLists > 4)
        {
            Assert.Contains("time-trace-to-capture-0.trace-4M.svg", all);
            Assert.Contains("time-trace-other-capture-0.trace-4M.svg", all);
            Assert.Contains("time-trace-capture-2.trace-4M.svg", all);
        }
        // The Markdown opens with the same text.
        string markdown = File.ReadAllText(Path.Combine(folder, ReportWriter.MarkdownFile));
        Assert.True(markdown.IndexOf("## Headline", StringComparison.Ordinal) < markdown.IndexOf("## Overview", StringComparison.Ordinal));
    }

    [Fact]
    public void RegeneratingGivesByteIdenticalFiles()
    {
        string results = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        string baseline = SyntheticResults.Write(_files.PathOf("b"), seed: 2);
        string folder = ReportWriter.Write(results, baseline);
        var first = Directory.GetFiles(folder).ToDictionary(f => f, f => File.ReadAllBytes(f));
        File.WriteAllText(Path.Combine(folder, "stale-chart.svg"), "<svg/>");
        ReportWriter.Write(results, baseline);
        var second = Directory.GetFiles(folder).ToDictionary(f => f, f => File.ReadAllBytes(f));
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, f => Assert.Equal(f.Value, second[f.Key]));
    }

    [Fact]
    public void TwoBatchesOfTheSameCodeAreMostlyTheSame()
    {
        var current = BatchResults.Load(SyntheticResults.Write(_files.PathOf("a"), seed: 1));
        var baseline = BatchResults.Load(SyntheticResults.Write(_files.PathOf("b"), seed: 2));
        var changes = ComparisonSection.Compare(current, baseline).Changes;
        Assert.Equal(current.Estimates.Count, changes.Count);
        Assert.True(changes.Count(c => c.Change.Word == "not separable") >= 0.9 * changes.Count, string.Join("\n", changes.Where(c => c.Change.Word != "not separable")));
    }

    [Fact]
    public void AnInjectedSlowEncodingIsSlowerAndOnlyIt()
    {
        // Each round (placement) of every case moves by up to 10% either way: the batches' own noise, which sets the threshold.
        var current = BatchResults.Load(SyntheticResults.Write(_files.PathOf("a"), seed: 1, slowEncoding: "order8", slowdown: 1.3, roundNoise: 0.1));
        var baseline = BatchResults.Load(SyntheticResults.Write(_files.PathOf("b"), seed: 2, roundNoise: 0.1));
        var comparison = ComparisonSection.Compare(current, baseline);
        Assert.InRange(current.WithinBatchNoise, 0.08, 0.25);
        Assert.InRange(comparison.Threshold, Math.Max(current.WithinBatchNoise, baseline.WithinBatchNoise), 0.25);
        var changes = comparison.Changes;

        Assert.All(changes.Where(c => c.Encoding == "order8"), c =>
        {
            Assert.Equal("slower", c.Change.Word);
            Assert.InRange(c.Change.Ratio, 1.1, 1.5);
        });
        Assert.All(changes.Where(c => c.Encoding != "order8"), c => Assert.Equal("not separable", c.Change.Word));

        string summary = TextRenderer.Render(ReportBuilder.Build(current, baseline));
        Assert.Contains("Iterate/order8/rdma-4k/4M", summary);
        Assert.Contains("slower", summary);
    }

    [Fact]
    public void WithinOneBatchAnEncoding30PercentSlowerIsSeparatedAndNoOtherIs()
    {
        // Every encoding takes the same time per operation and page list, except order8 (1.3x); rounds move by up to 10%.
        var results = BatchResults.Load(SyntheticResults.Write(_files.PathOf("a"), seed: 3, slowEncoding: "order8", slowdown: 1.3, roundNoise: 0.1, sameTimes: true));
        Assert.True(results.SeparationThreshold > Change.DefaultThreshold && results.SeparationThreshold < 0.3, $"threshold {results.SeparationThreshold}");
        foreach (PageListKey list in results.PageLists)
        foreach (string operation in results.Operations)
        {
            if (results.Result(operation, "scatterlist", list) is not { } reference)
                continue;
            foreach (string encoding in results.Encodings.Where(e => e != "scatterlist"))
            {
                if (results.Result(operation, encoding, list) is not { } other)
                    continue;
                ChangeKind expected = encoding == "order8" ? ChangeKind.Slower : ChangeKind.Same;
                Assert.True(results.Compare(reference, other).Kind == expected, $"{operation} {encoding} {list}: {results.Compare(reference, other).Word}");
            }
        }
        string fastest = TradeOffSection.Fastest(results, "Iterate", results.PageLists[0]);
        Assert.Contains("not separable from", fastest);
        Assert.DoesNotContain("order8", fastest);
    }

    [Fact]
    public void ProcessToProcessNoiseRaisesTheThresholdButNotAboveARealChange()
    {
        var current = BatchResults.Load(SyntheticResults.Write(_files.PathOf("a"), seed: 1));
        var quiet = ComparisonSection.Compare(current, BatchResults.Load(SyntheticResults.Write(_files.PathOf("b"), seed: 2)));
        Assert.InRange(quiet.Threshold, Change.DefaultThreshold, 0.08);   // 2% noise per iteration: the floor stays near 5%

        // Each case of the baseline ran in a process up to 20% slower or faster as a whole (this machine: often more).
        var noisy = ComparisonSection.Compare(current, BatchResults.Load(SyntheticResults.Write(_files.PathOf("c"), seed: 2, processNoise: 0.2)));
        Assert.InRange(noisy.NoiseFloor, 0.2, 1.0);
        Assert.True(noisy.Changes.Count(c => c.Change.Kind == ChangeKind.Same) >= 0.8 * noisy.Changes.Count);   // not separable

        // A regression of one encoding on top of that noise still shows, when it is larger than the noise.
        var regressed = ComparisonSection.Compare(BatchResults.Load(SyntheticResults.Write(_files.PathOf("d"), seed: 1, slowEncoding: "rlist", slowdown: 3)),
            BatchResults.Load(SyntheticResults.Write(_files.PathOf("e"), seed: 2, processNoise: 0.2)));
        Assert.All(regressed.Changes.Where(c => c.Encoding == "rlist"), c => Assert.Equal(ChangeKind.Slower, c.Change.Kind));
    }

    [Fact]
    public void ClaimsAreEvaluatedFromTheMeasurements()
    {
        var results = BatchResults.Load(SyntheticResults.Write(_files.PathOf("a"), seed: 1));
        var claims = ClaimsSection.Evaluate(results).ToDictionary(c => c.Id);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"C{i}"), claims.Keys);
        // C2 on the CPU lists at 1 TiB and on the lists with their DMA lists as built: rdma-4k's 24 B more per run
        // make gigabytes per TiB, rdma-thp's two runs per 4 MiB do not.
        Assert.Contains("rdma-4k 1 TiB CPU list: ", claims["C2"].Measured);
        Assert.Contains("rdma-4k 4 MiB with its DMA list: ", claims["C2"].Measured);
        Assert.Equal(ClaimsSection.Partly, claims["C2"].Verdict);
        Assert.Equal(ClaimsSection.Holds, claims["C3"].Verdict);      // 16 B against 8 B per run
        Assert.Contains("2.00×", claims["C3"].Measured);
        Assert.Equal(ClaimsSection.Holds, claims["C4"].Verdict);
        Assert.Equal(ClaimsSection.Holds, claims["C7"].Verdict);      // two p2p segments on p2p-mixed
        Assert.Equal(ClaimsSection.DesignProperty, claims["C9"].Verdict);   // by construction of order8 and rlist, not a measurement
        Assert.Contains("pagearray 2 GiB", claims["C8"].Measured);  // 1 TiB / 4 KiB × 8 B, one allocation
        Assert.Contains("needs vmalloc: pagearray", claims["C8"].Measured);
        Assert.Equal(ClaimsSection.NotMeasured, claims["C10"].Verdict);
        // One window, a link per range and one sync, as iommu_dma_map_sg's calls per run and its one sync: the first
        // half holds, the contrast with dma_map_sg does not; what is saved is the list kept.
        Assert.Equal(ClaimsSection.Partly, claims["C12"].Verdict);
        Assert.Contains("16 B kept", claims["C12"].Measured);
        Assert.Contains("what the two-step API saves is the DMA list kept", claims["C12"].Measured);
    }

    [Fact]
    public void ChartsHaveTextOnAMachineWithNoFonts()
    {
        // fontconfig finding nothing, as on a machine with no fonts installed: ScottPlot would draw no text at all,
        // silently; the shipped font draws it.
        string config = _files.PathOf("fonts.conf");
        File.WriteAllText(config, "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
        string results = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        CliRunner.Result report = CliRunner.RunWith(new Dictionary<string, string> { ["FONTCONFIG_FILE"] = config }, "report", results);
        Assert.Equal(0, report.ExitCode);
        var svgs = Directory.GetFiles(Path.Combine(results, ReportWriter.FolderName), "*.svg");
        Assert.NotEmpty(svgs);
        Assert.All(svgs, svg => Assert.Contains(XDocument.Load(svg).Descendants(XName.Get("text", "http://www.w3.org/2000/svg")), t => t.Value.Length > 0));
    }

    [Fact]
    public void MissingOrCorruptInputIsOneLineAndExitTwo()
    {
        string results = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        CliRunner.Result missing = CliRunner.Run("report", _files.PathOf("nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Single(missing.StderrLines);

        string export = Directory.GetFiles(Path.Combine(results, "bdn"))[0];
        File.WriteAllText(export, "{ not json");
        CliRunner.Result corrupt = CliRunner.Run("report", results);
        Assert.Equal(2, corrupt.ExitCode);
        string line = Assert.Single(corrupt.StderrLines);
        Assert.Contains(Path.GetFileName(export), line);
        Assert.DoesNotContain("   at ", corrupt.Stderr);

        File.WriteAllText(Path.Combine(results, BatchFile.FileName), "[]");
        CliRunner.Result badBatch = CliRunner.Run("report", results);
        Assert.Equal(2, badBatch.ExitCode);
        Assert.Contains(BatchFile.FileName, Assert.Single(badBatch.StderrLines));

        CliRunner.Result badBaseline = CliRunner.Run("report", SyntheticResults.Write(_files.PathOf("c"), seed: 3), "--baseline", _files.PathOf("nowhere"));
        Assert.Equal(2, badBaseline.ExitCode);
        Assert.Single(badBaseline.StderrLines);
    }

    [Theory]
    [InlineData("null field", "\"bdnFiles\": [", "\"bdnFiles\": null, \"x\": [", "bdnFiles")]
    [InlineData("id without a slash", "\"id\": \"Build/scatterlist/rdma-4k/4M\"", "\"id\": \"Build\"", "case id 'Build' is not")]
    [InlineData("duplicate id", "\"id\": \"Build/phyr16/rdma-4k/4M\", \"operation\": \"Build\", \"encoding\": \"phyr16\"",
        "\"id\": \"Build/scatterlist/rdma-4k/4M\", \"operation\": \"Build\", \"encoding\": \"scatterlist\"", "listed twice")]
    public void AHandEditedBatchFileIsOneLineAndExitTwo(string name, string find, string replace, string problem)
    {
        string results = SyntheticResults.Write(_files.PathOf(name.Replace(' ', '-')), seed: 1);
        string batchPath = Path.Combine(results, BatchFile.FileName);
        // Compact the JSON so one replacement finds the first case's fields on one line.
        string json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(batchPath))!.ToJsonString().Replace(",\"", ", \"").Replace(":", ": ");
        Assert.Contains(find, json);
        File.WriteAllText(batchPath, new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(find)).Replace(json, replace, 1));
        CliRunner.Result report = CliRunner.Run("report", results);
        Assert.Equal(2, report.ExitCode);
        string line = Assert.Single(report.StderrLines);
        Assert.Contains(BatchFile.FileName, line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void TheReportVerbPrintsTheSummaryAndThePage()
    {
        string results = SyntheticResults.Write(_files.PathOf("a"), seed: 1);
        CliRunner.Result run = CliRunner.Run("report", results, "--baseline", SyntheticResults.Write(_files.PathOf("b"), seed: 2));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Comparison with the baseline", run.Stdout);
        Assert.EndsWith($"report: {Path.Combine(results, "report", "index.html")}\n", run.Stdout);
    }
}
