using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Sections;
using BenchSuite.Reports.Statistics;

namespace BenchSuite.Reports.Writing;

/// <summary>Assembles the report of a results folder (DESIGN.md §7), with a comparison when a baseline is given.</summary>
public static class ReportBuilder
{
    public static ReportDocument Build(BatchResults results, BatchResults? baseline = null)
    {
        var sections = new List<Section> { HeadlineSection.Build(results), Overview(results, baseline) };
        sections.Add(DensitySection.Build(results));
        sections.Add(FootprintSection.Build(results));
        sections.Add(ThroughputSection.Build(results));
        sections.Add(TradeOffSection.Build(results));
        if (KnobsSection.Build(results) is { } knobs)
            sections.Add(knobs);
        sections.Add(ClaimsSection.Build(results));
        if (baseline is not null)
            sections.AddRange(ComparisonSection.Build(results, baseline));
        sections.Add(NotApplicableSection.Build(results));
        sections.Add(OriginsSection.Build());
        sections.Add(DeparturesSection.Build());
        sections.Add(EnvironmentSection.Build(results));
        return new ReportDocument($"BenchSuite report: {Path.GetFileName(results.Path)}", sections);
    }

    /// <summary>One report over results folders from several hosts: who they are, density once, each host's times side by side.</summary>
    public static ReportDocument BuildHosts(IReadOnlyList<BatchResults> folders)
    {
        IReadOnlyList<Host> hosts = HostsSection.Label(folders);
        var sections = new List<Section> { HostsSection.Overview(hosts), HostsSection.Density(hosts), HostsSection.Throughput(hosts), DeparturesSection.Build() };
        sections.AddRange(hosts.Select(h => EnvironmentSection.Build(h.Results) with { Id = $"environment-{h.Label}", Title = $"Environment: {h.Label}" }));
        return new ReportDocument($"BenchSuite report: {string.Join(" and ", hosts.Select(h => h.Label))}", sections);
    }

    static Section Overview(BatchResults results, BatchResults? baseline)
    {
        BatchFile batch = results.Batch;
        int measured = batch.Cases.Count(c => c.Status == CaseStatus.Measured);
        int notApplicable = batch.Cases.Count(c => c.Status == CaseStatus.NotApplicable);
        int failed = batch.Cases.Count(c => c.Status == CaseStatus.Failed);
        int planned = batch.Cases.Count(c => c.Status == CaseStatus.Planned);
        string commit = results.Environment.GitCommit is { } g ? g[..Math.Min(12, g.Length)] + (results.Environment.GitDirty == true ? " (dirty)" : "") : "unknown";
        var text = $"Profile {batch.Profile}, commit {commit}, seed {batch.Options.Seed}. Encodings: {string.Join(", ", results.Encodings)}. "
            + $"Page lists: {string.Join(", ", results.PageLists)}. {batch.Cases.Count} cases: {measured} measured, {notApplicable} n/a"
            + (failed > 0 ? $", {failed} failed" : "") + (planned > 0 ? $", {planned} not run (interrupted; run --resume finishes it)" : "") + "."
            + (baseline is not null ? $" Compared with {Path.GetFileName(baseline.Path)}." : "");
        var blocks = new List<Block> { new Paragraph(text) };
        if (!results.Timed)
            blocks.Add(new Paragraph("Dry profile: one cold invocation per case, to check that every case runs. These are not timings, and nothing is judged from them."));
        else
            blocks.Add(new Paragraph($"Every time is the {CaseEstimate.Name} over {batch.Rounds} rounds (placements) per case. "
                + $"{results.Problems.Count} of {results.Estimates.Count} measured cases are not results (below resolution) and are kept out of verdicts. "
                + $"Noise between placements of one case: {Change.Percent(results.WithinBatchNoise)}; verdicts separate two encodings only beyond "
                + $"{Change.Percent(results.SeparationThreshold)}."));
        return new Section("overview", "Overview", blocks);
    }
}
