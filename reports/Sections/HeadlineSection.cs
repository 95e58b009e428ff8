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
/// lists go two to a block; those that do not fit are named, and the details follow in the report. Floor is left
/// out: it is the yardstick a walk is held against, not an operation an encoding wins.
/// </summary>
public static class HeadlineSection
{
    public const int MaxLines = 34;
    const int Width = 79, ListsPerBlock = 2;

    public static Section Build(BatchResults results) =>
        new("headline", "Headline", [new Preformatted(Text(results))]);

    public static string Text(BatchResults results)
    {
        var lines = new List<string>
        {
            results.Timed
                ? "Fastest per operation: ns per page +-half the 95% interval (~ not separable)."
                : $"{results.Batch.Profile} profile: nothing is timed; the densest and the Pareto set are.",
        };
        var claims = TextWrap.Lines("Claims: " + string.Join("; ", ClaimsSection.Evaluate(results).Select(c => $"{c.Id} {c.Verdict}")) + ".", Width).ToList();

        var operations = results.Operations.Where(o => o != "Floor").ToList();
        int blockLines = 1 + operations.Count + 2 + 1;
        int room = MaxLines - lines.Count - 1 - claims.Count;   // a blank line before the blocks; each block ends with one
        var lists = results.PageLists;
        int blocks = (lists.Count + ListsPerBlock - 1) / ListsPerBlock;
        int fit = blocks * blockLines <= room ? blocks : Math.Max(0, (room - 2) / blockLines);   // else a line naming the rest, and a blank
        int opWidth = Math.Max(12, operations.Select(o => Label(results, o).Length).DefaultIfEmpty(0).Max()) + 2;
        int cell = (Width - opWidth) / ListsPerBlock;

        lines.Add("");
        for (int b = 0; b < fit; b++)
        {
            var chunk = lists.Skip(b * ListsPerBlock).Take(ListsPerBlock).ToList();
            lines.Add(Row("", chunk.Select(l => l.ToString()), opWidth, cell));
            foreach (string operation in operations)
                lines.Add(Row(Label(results, operation), chunk.Select(l => Fastest(results, operation, l)), opWidth, cell));
            lines.Add(Row("densest", chunk.Select(l => Densest(results, l)), opWidth, cell));
            lines.Add(Row("Pareto set", chunk.Select(l => TradeOffSection.Names(TradeOffSection.ParetoSet(results, TradeOffSection.Points(results, l)))), opWidth, cell));
            lines.Add("");
        }
        if (fit < blocks)
        {
            var rest = lists.Skip(fit * ListsPerBlock).ToList();
            lines.Add(Fit($"{rest.Count} more page lists ({string.Join(", ", rest.Take(3))}{(rest.Count > 3 ? ", ..." : "")}): see the verdict table.", Width));
            lines.Add("");
        }
        lines.AddRange(claims);
        return Ascii(string.Join("\n", lines.Select(l => l.TrimEnd())));
    }

    static string Label(BatchResults results, string operation) =>
        results.Batch.Cases.First(c => BatchResults.OperationId(c) == operation).Unit is var unit && unit == "page" ? operation : $"{operation}/{unit}";

    static string Row(string head, IEnumerable<string> cells, int headWidth, int cellWidth) =>
        Fit(head, headWidth - 1).PadRight(headWidth) + string.Concat(cells.Select(c => Fit(c, cellWidth - 1).PadRight(cellWidth)));

    static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "+";

    /// <summary>"phyr16 0.439 ns +-4% ~": the lowest estimate among results, its interval, and whether the next is separable.</summary>
    static string Fastest(BatchResults results, string operation, PageListKey list)
    {
        if (!results.Timed)
            return "not timed";
        var timed = results.Encodings.Select(e => (Encoding: e, Estimate: results.Result(operation, e, list)))
            .Where(x => x.Estimate is not null).OrderBy(x => x.Estimate!.Value).ToList();
        if (timed.Count == 0)
            return results.Encodings.Any(e => results.Estimate(operation, e, list) is not null) ? "below resolution" : results.Encodings.Any(e => results.Case(operation, e, list) is not null) ? Cells.NotApplicable : "";
        CaseEstimate best = timed[0].Estimate!;
        string text = $"{timed[0].Encoding} {Cells.Ns(best.Value)}";
        if (best.HasInterval)
            text += $" +-{Math.Max(best.Upper - best.Value, best.Value - best.Lower) / best.Value * 100:0}%";
        if (timed.Count > 1 && results.Compare(best, timed[1].Estimate!).Kind == ChangeKind.Same)
            text += " ~";
        return text;
    }

    static string Densest(BatchResults results, PageListKey list)
    {
        var rows = results.Encodings.Select(e => results.DensityOf(e, list)).Where(r => r is { Supported: true, BytesPerPage: not null }).ToList();
        if (rows.Count == 0)
            return Cells.NotApplicable;
        double best = rows.Min(r => r!.BytesPerPage!.Value);
        return string.Join("=", rows.Where(r => r!.BytesPerPage == best).Select(r => r!.Encoding)) + $" {Cells.Number(best)} B/page";
    }

    static string Ascii(string text) => string.Concat(text.Replace("µ", "u", StringComparison.Ordinal).Replace("×", "x", StringComparison.Ordinal)
        .Select(c => char.IsAscii(c) ? c : '?'));
}
