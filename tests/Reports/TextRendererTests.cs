using BenchSuite.Reports.Documents;
using Xunit;

namespace BenchSuite.Tests.Reports;

public sealed class TextRendererTests
{
    static void AssertFits(string text) =>
        Assert.All(text.Split('\n'), line => Assert.True(line.Length < 80 && line.All(char.IsAscii), $"{line.Length}: {line}"));

    [Fact]
    public void WideNumericTablesSplitWithTheFirstColumnRepeated()
    {
        var header = new[] { "operation" }.Concat(Enumerable.Range(0, 14).Select(i => $"encoding{i}")).ToList();
        var rows = new List<IReadOnlyList<string>> { new[] { "Consume:nvme-prp" }.Concat(Enumerable.Range(0, 14).Select(i => $"{i}.123×")).ToList() };
        string text = TextRenderer.Render(new ReportDocument("T", [new Section("s", "S", [new Table("caption", header, rows)])]));
        AssertFits(text);
        Assert.True(text.Split('\n').Count(l => l.StartsWith("Consume:nvme-prp", StringComparison.Ordinal)) >= 2);
        Assert.Contains("13.123x", text);
    }

    [Fact]
    public void LongTextCellsWrapAndStackedTablesStack()
    {
        string prose = string.Join(' ', Enumerable.Repeat("rdma-4k 4 MiB: 11.1 B/run, at least 61% in one word;", 8));
        var table = new Table("", ["id", "verdict", "claim", "measured"], [["C1", "holds", prose, prose + "x" + new string('y', 120)]], TextColumns: [1, 2, 3]);
        foreach (Table t in new[] { table, table with { StackedHead = 2 } })
        {
            string text = TextRenderer.Render(new ReportDocument("T", [new Section("s", "S", [t, new Paragraph(prose)])]));
            AssertFits(text);
            Assert.Contains("C1", text);
        }
    }

    [Fact]
    public void SectionsOutsideTheSummaryAreLeftOut()
    {
        string text = TextRenderer.Render(new ReportDocument("T", [new Section("a", "Kept", [new Paragraph("x")]), new Section("b", "Dropped", [new Paragraph("y")], InSummary: false)]));
        Assert.Contains("Kept", text);
        Assert.DoesNotContain("Dropped", text);
    }
}
