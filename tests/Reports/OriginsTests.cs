using System.Text.RegularExpressions;
using BenchSuite.Encodings;
using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Sections;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Dma.Consumers;
using Xunit;

namespace BenchSuite.Tests.Reports;

/// <summary>The report says where each modelled structure comes from, as each states it.</summary>
public class OriginsTests
{
    public static TheoryData<string, string> Origins()
    {
        var data = new TheoryData<string, string>();
        foreach (EncodingFamily f in EncodingRegistry.Families)
            data.Add(f.Name, f.Origin);
        foreach (MapperInfo m in MapperCatalog.All)
            data.Add(m.Name, m.Origin);
        foreach (ConsumerInfo c in ConsumerCatalog.All)
            data.Add(c.Name, c.Origin);
        return data;
    }

    /// <summary>A mainline structure names its first release (or, where that is not pinned, the commit); anything else says it is a proposal or prototype.</summary>
    [Theory]
    [MemberData(nameof(Origins))]
    public void EveryStructureStatesItsOrigin(string name, string origin)
    {
        Assert.True(Regex.IsMatch(origin, "^(mainline: |proposal, not merged: |prototype, not merged: )"), $"{name}: {origin}");
        if (origin.StartsWith("mainline", StringComparison.Ordinal))
            Assert.True(Regex.IsMatch(origin, @"\bv\d+\.\d+|commit [0-9a-f]{12}"), $"{name}: {origin}");
    }

    [Fact]
    public void TheReportTablesEveryOne()
    {
        Section section = OriginsSection.Build();
        var rows = section.Blocks.OfType<Table>().SelectMany(t => t.Rows).ToList();
        Assert.Equal(EncodingRegistry.Families.Count + MapperCatalog.All.Count + ConsumerCatalog.All.Count, rows.Count);
        Assert.Contains(rows, r => r[0] == "iova-link" && r[1].Contains("v6.16", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0] == "physvec" && r[1].Contains("v7.0", StringComparison.Ordinal));
    }
}
