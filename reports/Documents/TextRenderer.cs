using System.Text;
using BenchSuite.Reports.Text;

namespace BenchSuite.Reports.Documents;

/// <summary>
/// Plain text for a mailing list: every line shorter than <see cref="MaxColumns"/>. Charts are left out; tables are
/// aligned, text columns wrapped, and a table too wide for the line is split into several with the first column
/// repeated. Sections not marked for the summary are left out.
/// </summary>
public static class TextRenderer
{
    /// <summary>Lines are strictly shorter than 80 columns, so quoting them once in a reply still fits.</summary>
    public const int MaxColumns = 79;

    const string Gap = "  ";
    const int FirstColumnWidth = 30;
    const int MinTextWidth = 10;

    public static string Render(ReportDocument document)
    {
        document = Ascii(document);
        var text = new StringBuilder();
        Underline(text, document.Title, '=');
        foreach (Section section in document.Sections.Where(s => s.InSummary))
        {
            Underline(text, section.Title, '-');
            foreach (Block block in section.Blocks)
            {
                switch (block)
                {
                    case Paragraph p:
                        foreach (string line in TextWrap.Lines(p.Text, MaxColumns - 1))
                            text.Append(line).Append('\n');
                        text.Append('\n');
                        break;
                    case Table t:
                        AppendTable(text, t);
                        break;
                    case Preformatted p:
                        text.Append(p.Text).Append("\n\n");
                        break;
                }
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// The document with its few non-ASCII symbols spelled in ASCII (× as x, µs as us, ± as +-), and any other as '?',
    /// so a line's characters are its bytes and its columns in any terminal, mail client or byte-counting tool.
    /// </summary>
    static ReportDocument Ascii(ReportDocument document)
    {
        static string A(string s) => string.Concat(s.Replace("×", "x", StringComparison.Ordinal).Replace("µ", "u", StringComparison.Ordinal)
            .Replace("–", "-", StringComparison.Ordinal).Replace("≈", "~", StringComparison.Ordinal).Replace("±", "+-", StringComparison.Ordinal)
            .Select(c => char.IsAscii(c) ? c : '?'));
        Block Convert(Block block) => block switch
        {
            Paragraph p => new Paragraph(A(p.Text)),
            Preformatted p => new Preformatted(A(p.Text)),
            Table t => t with { Caption = A(t.Caption), Header = t.Header.Select(A).ToList(), Rows = t.Rows.Select(r => (IReadOnlyList<string>)r.Select(A).ToList()).ToList() },
            _ => block,
        };
        return document with { Title = A(document.Title), Sections = document.Sections.Select(s => s with { Title = A(s.Title), Blocks = s.Blocks.Select(Convert).ToList() }).ToList() };
    }

    static void Underline(StringBuilder text, string title, char rule)
    {
        foreach (string line in TextWrap.Lines(title, MaxColumns - 1))
            text.Append(line).Append('\n');
        text.Append(new string(rule, Math.Min(title.Length, MaxColumns - 1))).Append("\n\n");
    }

    static void AppendTable(StringBuilder text, Table table)
    {
        if (table.Caption.Length > 0)
        {
            foreach (string line in TextWrap.Lines(table.Caption, MaxColumns - 1))
                text.Append(line).Append('\n');
        }
        if (table.StackedHead > 0)
        {
            AppendStacked(text, table);
            return;
        }
        foreach (int[] columns in ColumnGroups(table))
        {
            var header = columns.Select(c => table.Header[c]).ToArray();
            var rows = table.Rows.Select(r => columns.Select(c => c < r.Count ? r[c] : "").ToArray()).ToList();
            int[] widths = columns.Select((c, i) => Math.Max(header[i].Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
            Fit(table, columns, widths);
            AppendRow(text, table, columns, header, widths);
            text.Append(string.Join(Gap, widths.Select(w => new string('-', w)))).Append('\n');
            foreach (string[] row in rows)
                AppendRow(text, table, columns, row, widths);
            text.Append('\n');
        }
    }

    /// <summary>
    /// Narrows text columns until the row fits the line: the widest text column loses a character at a time, down to
    /// <see cref="MinTextWidth"/> (the first column to <see cref="FirstColumnWidth"/> at most); their cells wrap.
    /// </summary>
    static void Fit(Table table, int[] columns, int[] widths)
    {
        while (widths.Sum() + Gap.Length * (widths.Length - 1) > MaxColumns - 1)
        {
            int widest = -1;
            for (int i = 0; i < columns.Length; i++)
            {
                if (table.IsText(columns[i]) && widths[i] > MinTextWidth && (widest < 0 || widths[i] > widths[widest]))
                    widest = i;
            }
            if (widest < 0)
                break;
            widths[widest]--;
        }
    }

    /// <summary>Each row as a block: its head cells on one line, then each other cell as "header: text", indented and wrapped.</summary>
    static void AppendStacked(StringBuilder text, Table table)
    {
        const string indent = "    ";
        foreach (var row in table.Rows)
        {
            foreach (string line in TextWrap.Lines(string.Join(Gap, row.Take(table.StackedHead)), MaxColumns - 1))
                text.Append(line).Append('\n');
            for (int c = table.StackedHead; c < row.Count; c++)
            {
                foreach (string line in TextWrap.Lines($"{table.Header[c]}: {row[c]}", MaxColumns - 1 - indent.Length))
                    text.Append(indent).Append(line).Append('\n');
            }
        }
        text.Append('\n');
    }

    /// <summary>One row; a text cell longer than its column wraps onto continuation lines.</summary>
    static void AppendRow(StringBuilder text, Table table, int[] columns, string[] cells, int[] widths)
    {
        var wrapped = cells.Select((cell, i) => table.IsText(columns[i]) && cell.Length > widths[i]
            ? TextWrap.Lines(cell, widths[i]).ToList()
            : [cell]).ToList();
        int lines = wrapped.Max(w => w.Count);
        for (int l = 0; l < lines; l++)
        {
            var line = new StringBuilder();
            for (int i = 0; i < cells.Length; i++)
            {
                string part = l < wrapped[i].Count ? wrapped[i][l] : "";
                if (i > 0)
                    line.Append(Gap);
                line.Append(table.IsText(columns[i]) ? part.PadRight(widths[i]) : part.PadLeft(widths[i]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    /// <summary>Column sets that fit the line: the first column, then as many of the rest as fit, repeatedly.</summary>
    static IEnumerable<int[]> ColumnGroups(Table table)
    {
        int Width(int c) => Math.Max(table.Header[c].Length, table.Rows.Select(r => c < r.Count ? r[c].Length : 0).DefaultIfEmpty(0).Max());
        int first = Math.Min(Width(0), FirstColumnWidth);
        var group = new List<int> { 0 };
        int used = first;
        for (int c = 1; c < table.Header.Count; c++)
        {
            int w = table.IsText(c) ? Math.Min(Width(c), MinTextWidth) : Width(c);
            if (group.Count > 1 && used + Gap.Length + w > MaxColumns - 1)
            {
                yield return group.ToArray();
                group = [0];
                used = first;
            }
            group.Add(c);
            used += Gap.Length + w;
        }
        yield return group.ToArray();
    }
}
