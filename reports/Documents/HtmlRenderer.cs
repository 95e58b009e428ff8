using System.Net;
using System.Text;
using BenchSuite.Reports.Charts;

namespace BenchSuite.Reports.Documents;

/// <summary>
/// One self-contained HTML page: inline CSS and inline SVG charts, no scripts, fonts or anything from the network.
/// Charts and tables scale down to a phone's width; printing drops the contents list and keeps charts whole.
/// </summary>
public static class HtmlRenderer
{
    const string Style = """
        body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 980px; padding: 0 12px 40px; color: #111; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
        figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #444; font-size: 0.9em; }
        .table { overflow-x: auto; margin: 0.6em 0 1.2em; }
        table { border-collapse: collapse; font-size: 0.9em; }
        caption { text-align: left; font-weight: bold; padding: 4px 0; }
        th, td { border: 1px solid #ccc; padding: 3px 7px; vertical-align: top; }
        th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        nav ul { columns: 2; } pre { overflow-x: auto; font-size: 0.85em; background: #f6f6f6; padding: 8px; } p.note { color: #444; font-size: 0.9em; }
        @media print { nav { display: none; } figure, table { break-inside: avoid; } body { max-width: none; } }
        """;

    /// <param name="charts">each figure's chart as drawn, by chart id.</param>
    public static string Render(ReportDocument document, IReadOnlyDictionary<string, RenderedChart> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(E(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(document.Title)).Append("</h1>\n<nav><ul>\n");
        foreach (Section section in document.Sections)
            html.Append($"<li><a href=\"#{section.Id}\">{E(section.Title)}</a></li>\n");
        html.Append("</ul></nav>\n");
        foreach (Section section in document.Sections)
        {
            html.Append($"<section id=\"{section.Id}\">\n<h2>{E(section.Title)}</h2>\n");
            foreach (Block block in section.Blocks)
            {
                switch (block)
                {
                    case Paragraph p:
                        html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                        break;
                    case Preformatted p:
                        html.Append("<pre>").Append(E(p.Text)).Append("</pre>\n");
                        break;
                    case Figure f:
                        html.Append($"<figure id=\"{f.Chart.Id}\">\n").Append(ChartRenderer.Inline(charts[f.Chart.Id].Svg));
                        if (ChartPlan.Of(f.Chart).Notes is { Count: > 0 } notes)
                            html.Append("<figcaption>").Append(string.Join("<br>\n", notes.Select(E))).Append("</figcaption>\n");
                        html.Append("</figure>\n");
                        break;
                    case Table t:
                        AppendTable(html, t);
                        break;
                }
            }
            html.Append("</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static void AppendTable(StringBuilder html, Table t)
    {
        html.Append("<div class=\"table\"><table>\n");
        if (t.Caption.Length > 0)
            html.Append("<caption>").Append(E(t.Caption)).Append("</caption>\n");
        html.Append("<tr>").Append(string.Concat(t.Header.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
        foreach (var row in t.Rows)
            html.Append("<tr>").Append(string.Concat(row.Select((cell, i) => t.IsText(i) ? $"<td>{E(cell)}</td>" : $"<td class=\"n\">{E(cell)}</td>"))).Append("</tr>\n");
        html.Append("</table></div>\n");
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
