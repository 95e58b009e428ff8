using System.Globalization;
using System.Text;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Text;

/// <summary>
/// Density rows as aligned plain-text tables, one block per page list, under 80 columns: the lists' footprints, then
/// (when mapped) each mapper's DMA output as segments and bytes per page.
/// </summary>
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
            Append(text, table);
            AppendDma(text, group.ToList());
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Mappers side by side in one DMA table: three pairs of columns keep a line under 80.</summary>
    const int MappersPerTable = 3;

    /// <summary>
    /// One row per encoding, a "segments  B/page" pair per mapper, three mappers to a table; a refused output shows
    /// "n/a", and the reasons follow, wrapped.
    /// </summary>
    static void AppendDma(StringBuilder text, List<DensityRow> rows)
    {
        var all = rows.SelectMany(r => r.Dma.Select(d => d.Mapper)).Distinct().ToList();
        var notes = new List<(string Mapper, string Reason)>();
        for (int i = 0; i < all.Count; i += MappersPerTable)
            AppendDma(text, rows, all.GetRange(i, Math.Min(MappersPerTable, all.Count - i)), notes);
        foreach (var note in notes.GroupBy(n => n.Reason))
        {
            foreach (string line in TextWrap.Lines($"n/a {string.Join(", ", note.Select(n => n.Mapper))}: {note.Key}", 75))
                text.Append("  ").Append(line).Append('\n');
        }
    }

    static void AppendDma(StringBuilder text, List<DensityRow> rows, List<string> mappers, List<(string Mapper, string Reason)> notes)
    {
        var table = new List<string[]> { new[] { "DMA output" }.Concat(mappers.SelectMany(m => new[] { m + " segs", "B/page" })).ToArray() };
        foreach (DensityRow r in rows)
        {
            var cells = new List<string> { r.Encoding };
            foreach (string m in mappers)
            {
                DmaDensity? d = r.Dma.FirstOrDefault(x => x.Mapper == m);
                if (d is { Supported: true })
                {
                    cells.Add(Count(d.Segments));
                    cells.Add(d.BytesPerPage!.Value.ToString("F3", CultureInfo.InvariantCulture));
                }
                else
                {
                    cells.Add("n/a");
                    cells.Add("");
                    if (d?.Reason is { } why && !notes.Contains((m, why)))
                        notes.Add((m, why));
                }
            }
            table.Add(cells.ToArray());
        }
        Append(text, table);
    }

    /// <summary>First column left-aligned, the others right-aligned; a row with an empty second cell keeps its last cell as is.</summary>
    static void Append(StringBuilder text, List<string[]> table)
    {
        int columns = table[0].Length;
        int[] widths = Enumerable.Range(0, columns)
            .Select(c => table.Where(row => c < columns - 1 || row[c].Length < 12).Select(row => row[c].Length).DefaultIfEmpty(0).Max())
            .ToArray();
        foreach (string[] row in table)
        {
            var line = new StringBuilder("  ").Append(row[0].PadRight(widths[0]));
            for (int c = 1; c < columns; c++)
                line.Append("  ").Append(row[1] == "" && c == columns - 1 ? row[c] : row[c].PadLeft(widths[c]));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
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
