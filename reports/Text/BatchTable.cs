using System.Globalization;
using System.Text;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Text;

/// <summary>
/// A batch's measured means as plain text: one block per page list, an operation per row and an encoding per column
/// (ns per page; Seek in ns per seek), then Iterate over Floor, then the cases that are n/a or failed, with why.
/// </summary>
public static class BatchTable
{
    public static string Format(BatchFile batch)
    {
        var text = new StringBuilder();
        var encodings = batch.Cases.Select(c => c.Encoding).Distinct().ToList();
        foreach (var list in batch.Cases.GroupBy(c => (c.Scenario, c.Size)))
        {
            BatchCase first = list.First();
            text.Append(CultureInfo.InvariantCulture, $"{first.Scenario}, {first.Size} ({first.Pages} pages): mean ns per page, Seek per seek\n");
            List<string[]> rows = [["operation", .. encodings]];
            var byOperation = list.GroupBy(c => c.Operation).ToList();
            foreach (var operation in byOperation)
                rows.Add([operation.Key, .. encodings.Select(e => Cell(operation.FirstOrDefault(c => c.Encoding == e)))]);
            if (byOperation.Any(o => o.Key == "Iterate") && byOperation.Any(o => o.Key == "Floor"))
                rows.Add(["Iterate/Floor", .. encodings.Select(e => Ratio(Mean(list, "Iterate", e), Mean(list, "Floor", e)))]);
            Append(text, rows);
            text.Append('\n');
        }
        foreach (BatchCase c in batch.Cases.Where(c => c.Status is CaseStatus.NotApplicable or CaseStatus.Failed))
            text.Append(CultureInfo.InvariantCulture, $"{c.Status} {c.Id}: {c.Reason}\n");
        return text.ToString();
    }

    static string Cell(BatchCase? c) => c?.Status switch
    {
        CaseStatus.Measured => Nanoseconds(c.MeanNs!.Value),
        CaseStatus.NotApplicable => "n/a",
        CaseStatus.Failed => "failed",
        null => "",
        _ => "-",
    };

    /// <summary>Three significant digits, down to 0.0001 ns: rdma-thp's per-page walks take hundredths of a nanosecond.</summary>
    static string Nanoseconds(double ns) =>
        ns.ToString(ns >= 100 ? "F0" : ns >= 10 ? "F1" : ns >= 1 ? "F2" : ns >= 0.1 ? "F3" : "F4", CultureInfo.InvariantCulture);

    static double? Mean(IEnumerable<BatchCase> cases, string operation, string encoding) =>
        cases.FirstOrDefault(c => c.Operation == operation && c.Encoding == encoding && c.Status == CaseStatus.Measured)?.MeanNs;

    static string Ratio(double? a, double? b) =>
        a is { } x && b is { } y && y > 0 ? (x / y).ToString("F2", CultureInfo.InvariantCulture) + "x" : "";

    static void Append(StringBuilder text, List<string[]> rows)
    {
        int[] widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (string[] row in rows)
        {
            text.Append(row[0].PadRight(widths[0]));
            for (int i = 1; i < row.Length; i++)
                text.Append("  ").Append(row[i].PadLeft(widths[i]));
            text.Append('\n');
        }
    }
}
