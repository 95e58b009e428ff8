using BenchSuite.Reports.Charts;

namespace BenchSuite.Reports.Documents;

/// <summary>
/// A report as plain content, rendered three ways (<see cref="HtmlRenderer"/>, <see cref="MarkdownRenderer"/>,
/// <see cref="TextRenderer"/>) so the page, the Markdown and the mailing-list text always say the same thing.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<Section> Sections)
{
    public IEnumerable<Chart> Charts => Sections.SelectMany(s => s.Blocks).OfType<Figure>().Select(f => f.Chart);
}

/// <summary>A titled part of the report. <see cref="InSummary"/> says whether the 80-column text keeps it.</summary>
public sealed record Section(string Id, string Title, IReadOnlyList<Block> Blocks, bool InSummary = true);

public abstract record Block;

public sealed record Paragraph(string Text) : Block;

/// <summary>Text laid out in fixed columns, kept as it is everywhere (a code block in Markdown, <c>pre</c> in HTML).</summary>
public sealed record Preformatted(string Text) : Block;

/// <summary>
/// A table of text cells. Columns after the first are right-aligned unless <see cref="TextColumns"/> names them
/// (free text such as a reason). The plain-text form splits wide tables and wraps text columns under 80 columns;
/// a table with a <see cref="StackedHead"/> (long prose in several columns) becomes one block per row there instead:
/// that many leading cells on a line, then the rest as "header: text" lines.
/// </summary>
public sealed record Table(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<int>? TextColumns = null,
    int StackedHead = 0) : Block
{
    public bool IsText(int column) => column == 0 || (TextColumns?.Contains(column) ?? false);
}

/// <summary>A chart, written as <c>Chart.Id.svg</c> and inlined in the page.</summary>
public sealed record Figure(Chart Chart) : Block;
