using System.Globalization;
using System.Text;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Text;

/// <summary>Density rows as an aligned plain-text table, one block per page list, under 80 columns.</summary>
public static class DensityTable
{
    public static string Format(IReadOnlyList<DensityRow> rows)
    {
        var text = new StringBuilder();
        foreach (var group in rows.GroupBy(r => (r.Scenario, r.PinnedBytes)))
        {
            DensityRow first = group.First();
            text.Append(CultureInfo.InvariantCulture, $"{first.Scenario}, {Bytes(first.PinnedBytes)} pinned, {first.Pages} pages\n");
            var table = new List<string[]> { new[] { "encoding", "entries", "allocated", "allocs", "bytes/page" } };
            foreach (DensityRow r in group)
            {
                table.Add(r.Supported
                    ? [r.Encoding, Count(r.Entries), Bytes((ulong)r.AllocatedBytes!.Value), Count(r.Allocations), r.BytesPerPage!.Value.ToString("F3", CultureInfo.InvariantCulture)]
                    : [r.Encoding, "", "", "", $"n/a: {r.Reason}"]);
            }
            int[] widths = Enumerable.Range(0, 5).Select(c => table.Where(row => c < 4 || row[4].Length < 12).Max(row => row[c].Length)).ToArray();
            foreach (string[] row in table)
            {
                text.Append("  ").Append(row[0].PadRight(widths[0]));
                for (int c = 1; c < 5; c++)
                    text.Append("  ").Append(row[1] == "" && c == 4 ? row[c] : row[c].PadLeft(widths[c]));
                text.Append('\n');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    static string Count(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Exact bytes below 10 KiB, else one decimal in the largest binary unit.</summary>
    public static string Bytes(ulong bytes)
    {
        if (bytes < 10 * 1024)
            return $"{bytes} B";
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return v.ToString(v >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture) + " " + units[u];
    }
}
