using System.Text;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;
using BenchSuite.Reports.Text;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// What a reviewer pastes into a reply: per page list the fastest encoding of every operation with its interval,
/// the densest and the Pareto set, then every claim's verdict; at most <see cref="MaxLines"/> lines under 80 columns,
/// in ASCII, so that with the report's title and its own heading it fills at most 40 lines of summary.txt. Page
/// lists go two to a block; those that do not fit are named, and the details follow in the report.
/// </summary>
public static class HeadlineSection
{
    public const int MaxLines = 34;
    const int Width = 79, ListsPerBlock = 2;

    public static Section Build(BatchResults results) =>
        new("headline", "Headline", [new Preformatted(Text(results))]);

    public static string Text(BatchResults results)
    {
        var intro = new List<string>();
        if (results.Timed)
            intro.AddRange(
            [
                "Fastest per operation, ns per page +- the wider side of its 95% interval (~ not",
                "separable from the next; * a lower time below resolution; biovec's DmaMap",
                "stores no DMA output, the others keep one).",
            ]);
        else
            intro.Add($"{results.Batch.Profile} profile: nothing is timed. Per page list, the densest encoding.");
        if (results.Batch.Cases.Any(c => c.Status == CaseStatus.Planned))
            intro.Add("k/n: only k of the n encodings ran (an interrupted batch; run --resume finishes it).");
        var claims = TextWrap.Lines("Claims: " + string.Join("; ", ClaimsSection.Evaluate(results).Select(c => $"{c.Id} {c.Verdict}")) + ".", Width).ToList();

        // Floor is left out: it is the yardstick a walk is held against, not an operation an encoding wins.
        var operations = results.Timed ? results.Operations.Where(o => o != "Floor").ToList() : [];
        int opWidth = Math.Max(12, operations.Select(o => Label(results, o).Length).DefaultIfEmpty(0).Max()) + 2;
        int cell = (Width - opWidth) / ListsPerBlock;
        var blocks = results.PageLists.Chunk(ListsPerBlock).Select(chunk =>
        {
            var lines = new List<string> { Row("", chunk.Select(l => l.ToString()), opWidth, cell) };
            foreach (string operation in operations)
                lines.Add(Row(Label(results, operation), chunk.Select(l => Fastest(results, operation, l)), opWidth, cell));
            lines.Add(Row("densest", chunk.Select(l => Verdicts.Densest(results, l)?.ToString("=") ?? Cells.NotApplicable), opWidth, cell));
            lines.AddRange(WrappedRows("Pareto set", chunk.Select(l => results.Timed ? TradeOffSection.Names(TradeOffSection.ParetoSet(results, TradeOffSection.Points(results, l))) : "not timed"), opWidth, cell));
            return lines;
        }).ToList();

        // As many blocks as fit, a blank line between them; then the page lists left out, named; then the claims.
        for (int fit = blocks.Count; ; fit--)
        {
            var lines = new List<string>(intro);
            for (int b = 0; b < fit; b++)
            {
                if (b > 0)
                    lines.Add("");
                lines.AddRange(blocks[b]);
            }
            if (fit < blocks.Count)
            {
                var rest = results.PageLists.Skip(fit * ListsPerBlock).ToList();
                lines.Add("");
                lines.Add(Fit($"{rest.Count} more page lists ({string.Join(", ", rest.Take(3))}{(rest.Count > 3 ? ", ..." : "")}): see the verdict table.", Width));
            }
            lines.AddRange(claims);
            if (lines.Count <= MaxLines || fit == 0)
                return Ascii(string.Join("\n", lines.Select(l => l.TrimEnd())));
        }
    }

    static string Label(BatchResults results, string operation) =>
        results.UnitOf(operation) is var unit && unit == "page" ? operation : $"{operation}/{unit}";

    /// <summary>A row whose cells wrap onto continuation lines (a list of names), the head on the first line only.</summary>
    static IEnumerable<string> WrappedRows(string head, IEnumerable<string> cells, int headWidth, int cellWidth)
    {
        var wrapped = cells.Select(c => TextWrap.Lines(c, cellWidth - 1).ToList()).ToList();
        for (int i = 0; i < wrapped.Max(w => w.Count); i++)
            yield return Row(i == 0 ? head : "", wrapped.Select(w => i < w.Count ? w[i] : ""), headWidth, cellWidth);
    }

    static string Row(string head, IEnumerable<string> cells, int headWidth, int cellWidth) =>
        Fit(head, headWidth - 1).PadRight(headWidth) + string.Concat(cells.Select(c => Fit(c, cellWidth - 1).PadRight(cellWidth)));

    static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "+";

    /// <summary>"phyr16 0.439 ns +-4% ~ *": the best result, its interval's wider side, and what stands beside it.</summary>
    static string Fastest(BatchResults results, string operation, PageListKey list)
    {
        Verdicts.Fastest f = Verdicts.FastestOf(results, operation, list);
        if (f.Best is not { } best)
            return f.NotRun > 0 && f.Missing != "not run" ? $"{f.Missing} {f.Planned - f.NotRun}/{f.Planned}" : f.Missing;
        string text = $"{best.Encoding} {Cells.Ns(best.Estimate.Value)}";
        if (best.Estimate.HasInterval)
            text += " +-" + Cells.Spread(best.Estimate);
        if (f.Ties.Count > 0)
            text += " ~";
        if (f.LowerBelowResolution.Count > 0)
            text += " *";
        if (f.NotRun > 0)
            text += $" {f.Planned - f.NotRun}/{f.Planned}";
        return text;
    }

    static string Ascii(string text) => string.Concat(text.Replace("µ", "u", StringComparison.Ordinal).Replace("×", "x", StringComparison.Ordinal)
        .Select(c => char.IsAscii(c) ? c : '?'));
}
