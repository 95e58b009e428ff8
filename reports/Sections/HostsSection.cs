using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>One results folder of a report over several hosts, and the name it goes by there.</summary>
public sealed record Host(string Label, BatchResults Results);

/// <summary>
/// Several hosts side by side (an x86 and an arm server, say): who they are and what they share, then per page list
/// each host's times and its ratios between encodings. Cases are matched by id; density is shown once, as it does
/// not depend on the host, after a check that every host counted the same.
/// </summary>
public static class HostsSection
{
    public static Section Overview(IReadOnlyList<Host> hosts)
    {
        var blocks = new List<Block>
        {
            new Table("", ["host", "CPU", "profile", "commit", "cases"], hosts.Select(h => (IReadOnlyList<string>)[h.Label,
                $"{h.Results.Environment.Cpu}, {h.Results.Environment.LogicalCores} cores", h.Results.Batch.Profile,
                h.Results.Environment.GitCommit is { } g ? g[..Math.Min(12, g.Length)] : "unknown", Cells.Count(h.Results.Batch.Cases.Count)]).ToList(),
                TextColumns: [1, 2, 3]),
        };
        var profiles = hosts.Select(h => h.Results.Batch.Profile).Distinct().ToList();
        if (profiles.Count > 1)
            blocks.Add(new Paragraph($"These folders do not share a profile ({string.Join(", ", hosts.Select(h => $"{h.Label}: {h.Results.Batch.Profile}"))}): "
                + "their cases differ in rounds and iterations, and only the cases they share are set side by side."));
        var shared = SharedCases(hosts);
        foreach (Host h in hosts)
            if (h.Results.Batch.Cases.Count(c => !shared.Contains(c.Id)) is var only and > 0)
                blocks.Add(new Paragraph($"{Cells.Count(only)} cases of {h.Label} are in no other folder and are left out of the comparison."));
        blocks.Add(new Paragraph($"{Cells.Count(shared.Count)} cases are in every folder. Times are compared within a host; across hosts, "
            + "compare the ratios between encodings, which do not carry a host's clock speed."));
        return new Section("hosts", "Hosts", blocks);
    }

    /// <summary>Density of the first host, once, with a word on any host whose counts differ (another commit or seed).</summary>
    public static Section Density(IReadOnlyList<Host> hosts)
    {
        Section density = DensitySection.Build(hosts[0].Results);
        BatchResults first = hosts[0].Results;
        var differing = hosts.Skip(1).Where(h => !SameDensity(first, h.Results)).Select(h => h.Label).ToList();
        var notes = new List<Block>
        {
            new Paragraph(differing.Count == 0
                ? $"Density does not depend on the host: every folder counted the same on the page lists they share, and {hosts[0].Label}'s counts are shown."
                : $"Density counted on {string.Join(", ", differing)} differs from {hosts[0].Label}'s on the page lists they share (shown here: {hosts[0].Label}'s): "
                    + "another commit or seed built other lists."),
        };
        foreach (Host h in hosts.Skip(1))
            if (h.Results.PageLists.Where(l => !first.PageLists.Contains(l)).Select(l => l.ToString()).ToList() is { Count: > 0 } only)
                notes.Add(new Paragraph($"Page lists only {h.Label} measured ({string.Join(", ", only)}): their density is in {h.Label}'s own report."));
        return density with { Blocks = [.. notes, .. density.Blocks] };
    }

    /// <summary>Per page list every host shares: a chart with a row per operation and host, the times, and the ratios to scatterlist.</summary>
    public static Section Throughput(IReadOnlyList<Host> hosts)
    {
        var blocks = new List<Block>
        {
            new Paragraph("Time per pinned page (Seek: per seek) on each host, with the 95% interval, then each encoding's time over the reference "
                + "encoding's on the same host and operation (results only): the ratios are what carries from one host to another."),
        };
        var shared = SharedCases(hosts);
        BatchResults first = hosts[0].Results;
        var lists = first.PageLists.Where(l => hosts.All(h => h.Results.PageLists.Contains(l))).ToList();
        var operations = first.Operations.Where(o => hosts.All(h => h.Results.Operations.Contains(o))).ToList();
        var encodings = first.Encodings.Where(e => hosts.All(h => h.Results.Encodings.Contains(e))).ToList();
        string reference = encodings.Contains("scatterlist") ? "scatterlist" : encodings.FirstOrDefault() ?? "";
        foreach (PageListKey list in lists)
        {
            var rows = operations.SelectMany(o => hosts.Select(h => (Operation: o, Host: h))).ToList();
            var categories = rows.Select(r => $"{r.Operation} @{r.Host.Label}").ToList();
            var series = encodings.Select(e => new ChartSeries(e, rows.Select((r, i) => Point(i, r.Host.Results, r.Operation, e, list, shared)).OfType<ChartPoint>().ToList(),
                Legend: first.DensityOf(e, list) is { Supported: true, Entries: { } entries } ? $"{e} ({Cells.Count(entries)})" : e)).ToList();
            blocks.Add(new Figure(new Chart($"hosts-time-{list.Name}", $"{list}: time per page on each host", ChartKind.Dots,
                new Axis("operation @host"), new Axis("time per page", AxisUnit.Nanoseconds, Log: true), series, categories,
                Notes: ["Legend: each encoding with the entries its list has."], Horizontal: true)));
            blocks.Add(new Table($"{list}: ns per page ± the wider side of its 95% interval, (ns per entry); Seek per seek", ["operation @host", .. encodings],
                rows.Select(r => (IReadOnlyList<string>)[$"{r.Operation} @{r.Host.Label}", .. encodings.Select(e => shared.Contains(Id(r.Host.Results, r.Operation, e, list))
                    ? ThroughputSection.Cell(r.Host.Results, r.Operation, e, list) : "")]).ToList()));
            blocks.Add(new Table($"{list}: time over {reference}'s, per host (~ not separable from {reference}'s on that host)", ["operation @host", .. encodings],
                rows.Select(r => (IReadOnlyList<string>)[$"{r.Operation} @{r.Host.Label}", .. encodings.Select(e => Ratio(r.Host.Results, r.Operation, e, reference, list))]).ToList()));
        }
        if (lists.Count == 0)
            blocks.Add(new Paragraph("The folders share no page list: there is nothing to set side by side."));
        return new Section("hosts-throughput", "Time per page, host by host", blocks);
    }

    static ChartPoint? Point(int category, BatchResults results, string operation, string encoding, PageListKey list, ISet<string> shared)
    {
        if (!shared.Contains(Id(results, operation, encoding, list)) || results.Result(operation, encoding, list) is not { } e)
            return null;
        return e.HasInterval ? new ChartPoint(category, e.Value, e.Lower, e.Upper) : new ChartPoint(category, e.Value);
    }

    static string Ratio(BatchResults results, string operation, string encoding, string reference, PageListKey list) =>
        results.Result(operation, encoding, list) is { } e && results.Result(operation, reference, list) is { Value: > 0 } r
            ? UnitFormat.Format(e.Value / r.Value, AxisUnit.Ratio) + (encoding != reference && results.Compare(r, e).Kind == Statistics.ChangeKind.Same ? " ~" : "")
            : results.Case(operation, encoding, list) is null ? "" : results.Case(operation, encoding, list)!.Status == CaseStatus.NotApplicable ? Cells.NotApplicable : "no result";

    static string Id(BatchResults results, string operation, string encoding, PageListKey list) =>
        results.Case(operation, encoding, list)?.Id ?? "";

    static HashSet<string> SharedCases(IReadOnlyList<Host> hosts) =>
        hosts.Skip(1).Aggregate(hosts[0].Results.Batch.Cases.Select(c => c.Id).ToHashSet(), (set, h) =>
        {
            set.IntersectWith(h.Results.Batch.Cases.Select(c => c.Id));
            return set;
        });

    /// <summary>Whether two folders counted the same on the page lists (scenario and size) both measured.</summary>
    static bool SameDensity(BatchResults a, BatchResults b)
    {
        static string List(DensityRow r) => $"{r.Scenario}/{r.PinnedBytes}";
        var shared = a.Density.Select(List).Intersect(b.Density.Select(List)).ToHashSet();
        IEnumerable<string> Keys(BatchResults r) => r.Density.Where(x => shared.Contains(List(x))).Select(Key).OrderBy(k => k, StringComparer.Ordinal);
        return Keys(a).SequenceEqual(Keys(b));
    }

    static string Key(DensityRow r) => $"{r.Encoding}/{r.Scenario}/{r.PinnedBytes}/{r.AllocatedBytes}/{r.Entries}";

    /// <summary>Folder names as host labels, numbered where two folders share a name.</summary>
    public static IReadOnlyList<Host> Label(IReadOnlyList<BatchResults> folders)
    {
        var names = folders.Select(f => Path.GetFileName(Path.TrimEndingDirectorySeparator(f.Path))).ToList();
        return folders.Select((f, i) => new Host(names.Count(n => n == names[i]) > 1 ? $"{names[i]}#{i + 1}" : names[i], f)).ToList();
    }
}
