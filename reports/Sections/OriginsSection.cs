using BenchSuite.Encodings;
using BenchSuite.Reports.Documents;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Dma.Consumers;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// Where each modelled structure comes from: the mainline release that merged it, or the proposal that never was, so
/// a reviewer holding a 2026 kernel knows which figures describe code they run. Read from the registry and the
/// catalogs, where each structure states its own.
/// </summary>
public static class OriginsSection
{
    public static Section Build()
    {
        var rows = new List<IReadOnlyList<string>>();
        rows.AddRange(EncodingRegistry.Families.Select(f => (IReadOnlyList<string>)["encoding", f.Name, f.Origin]));
        rows.AddRange(MapperCatalog.All.Select(m => (IReadOnlyList<string>)["mapper", m.Name, m.Origin]));
        rows.AddRange(ConsumerCatalog.All.Select(c => (IReadOnlyList<string>)["consumer", c.Name, c.Origin]));
        return new Section("origins", "Where each structure comes from",
        [
            new Paragraph("The mainline release that merged each modelled structure (first release containing it), or the proposal it comes from; "
                + "the code cites the file and function it follows."),
            new Table("Origins", ["kind", "name", "origin"], rows, TextColumns: [0, 1, 2]),
        ], InSummary: false);
    }
}
