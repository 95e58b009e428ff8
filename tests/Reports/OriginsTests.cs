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
        var table = Assert.Single(section.Blocks.OfType<Table>());
        Assert.Equal(EncodingRegistry.Families.Count + MapperCatalog.All.Count + ConsumerCatalog.All.Count, table.Rows.Count);
        Assert.Contains(table.Rows, r => r[1] == "iova-link" && r[2].Contains("v6.16", StringComparison.Ordinal));
        Assert.Contains(table.Rows, r => r[1] == "physvec" && r[2].Contains("v7.0", StringComparison.Ordinal));
    }
}
