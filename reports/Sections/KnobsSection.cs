using BenchSuite.Encodings;
using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// The design knobs a batch swept (<c>--encodings rlist@chunk=*</c>): for each knob of each family, the variants that
/// differ in that knob alone, side by side on every page list: bytes per page, then every timed operation with the
/// wider side of its interval (a chart and a table); a case that is not a result says why, as everywhere else.
/// </summary>
public static class KnobsSection
{
    public static Section? Build(BatchResults results)
    {
        var variants = results.Encodings.Select(EncodingRegistry.TryFind).OfType<EncodingVariant>().ToList();
        var blocks = new List<Block>();
        foreach (EncodingFamily family in EncodingRegistry.Families)
        foreach (Knob knob in family.Knobs)
        {
            // Variants of this family that agree on every other knob, grouped by those other settings.
            var sweeps = variants.Where(v => v.Family == family.Name)
                .GroupBy(v => string.Join("@", Settings(family, v).Where(s => s.Knob != knob.Name).Select(s => $"{s.Knob}={s.Value}")))
                .Where(g => g.Select(v => Value(family, v, knob)).Distinct().Count() > 1);
            foreach (var sweep in sweeps)
                blocks.AddRange(Sweep(results, family, knob, sweep.OrderBy(v => knob.Values.ToList().IndexOf(Value(family, v, knob))).ToList(), sweep.Key));
        }
        if (blocks.Count == 0)
            return null;
        blocks.Insert(0, new Paragraph("Each knob swept by this batch: the variants that differ in that knob alone, on every page list. "
            + "Density is counted from the lists built; times are ns per page (Seek per seek) ± the wider side of the 95% interval, "
            + "and a case that is not a result says why. Compare within one batch."));
        return new Section("knobs", "Design knobs", blocks);
    }

    static IEnumerable<Block> Sweep(BatchResults results, EncodingFamily family, Knob knob, List<EncodingVariant> variants, string others)
    {
        string title = $"{family.Name} {knob.Name}" + (others.Length > 0 ? $" ({others})" : "");
        var header = (IReadOnlyList<string>)["page list", .. variants.Select(v => $"{knob.Name}={Value(family, v, knob)}")];
        var lists = results.PageLists;
        var series = variants.Select(v => new ChartSeries(v.Name, lists.Select((l, i) => results.DensityOf(v.Name, l) is { Supported: true, BytesPerPage: { } b }
            ? new ChartPoint(i, b) : new ChartPoint(i, double.NaN, Label: Cells.NotApplicable)).ToList())).ToList();
        yield return new Figure(new Chart($"knob-{family.Name}-{knob.Name}" + (others.Length > 0 ? "-" + others : ""), $"{title}: bytes per pinned page", ChartKind.Bars,
            new Axis("page list"), new Axis("bytes per 4 KiB page", Log: true), series, lists.Select(l => l.ToString()).ToList(), Horizontal: true));
        yield return new Table($"{title}: bytes per pinned page", header,
            lists.Select(l => (IReadOnlyList<string>)[l.ToString(), .. variants.Select(v => Cells.BytesPerPage(results.DensityOf(v.Name, l)))]).ToList());
        foreach (PageListKey list in lists)
        {
            if (results.Timed)
                yield return new Figure(ThroughputSection.TimeChart(results, list, variants.Select(v => v.Name).ToList(),
                    $"knob-{family.Name}-{knob.Name}" + (others.Length > 0 ? "-" + others : "") + $"-{list.Name}", $"{title}: {list}, time per page"));
            yield return new Table($"{title}: {list}, ns per page", ["operation", .. header.Skip(1)],
                results.Operations.Select(o => (IReadOnlyList<string>)[o, .. variants.Select(v => ThroughputSection.Cell(results, o, v.Name, list))]).ToList());
        }
    }

    /// <summary>Every knob of the family with the variant's value, defaults included.</summary>
    static IEnumerable<(string Knob, string Value)> Settings(EncodingFamily family, EncodingVariant variant) =>
        family.Knobs.Select(k => (k.Name, Value(family, variant, k)));

    static string Value(EncodingFamily family, EncodingVariant variant, Knob knob) =>
        variant.Settings.FirstOrDefault(s => s.Knob == knob.Name) is { Value: { } v } && v.Length > 0 ? v : knob.Default;
}
