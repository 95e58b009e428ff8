using BenchSuite.Reports.Charts;
using System.Text;

namespace BenchSuite.Reports.Documents;

/// <summary>GitHub-flavoured Markdown: headings, pipe tables, and each chart as an image link to its SVG file.</summary>
public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(document.Title).Append("\n\n");
        foreach (Section section in document.Sections)
        {
            md.Append("## ").Append(section.Title).Append("\n\n");
            foreach (Block block in section.Blocks)
            {
                switch (block)
                {
                    case Paragraph p:
                        md.Append(p.Text).Append("\n\n");
                        break;
                    case Preformatted p:
                        md.Append("```text\n").Append(p.Text).Append("\n```\n\n");
                        break;
                    case Figure f:
                        md.Append($"![{Escape(f.Chart.Title)}]({f.Chart.SvgFile}) ([PNG]({f.Chart.PngFile}))\n\n");
                        foreach (string note in ChartPlan.Of(f.Chart).Notes)
                            md.Append("> ").Append(note).Append("\n\n");
                        break;
                    case Table t:
                        if (t.Caption.Length > 0)
                            md.Append("**").Append(Escape(t.Caption)).Append("**\n\n");
                        md.Append("| ").Append(string.Join(" | ", t.Header.Select(Escape))).Append(" |\n");
                        md.Append('|').Append(string.Join("|", t.Header.Select((_, i) => t.IsText(i) ? "---" : "---:"))).Append("|\n");
                        foreach (var row in t.Rows)
                            md.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
                        md.Append('\n');
                        break;
                }
            }
        }
        return md.ToString();
    }

    static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);
}
