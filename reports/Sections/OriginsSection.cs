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
        // A table per kind, two columns each, so the origins keep the width of a narrow page.
        static Table Of(string title, IEnumerable<(string Name, string Origin)> rows) =>
            new(title, ["name", "origin"], rows.Select(r => (IReadOnlyList<string>)[r.Name, r.Origin]).ToList(), TextColumns: [0, 1]);
        return new Section("origins", "Where each structure comes from",
        [
            new Paragraph("The mainline release that merged each modelled structure (first release containing it), or the proposal it comes from; "
                + "the code cites the file and function it follows."),
            Of("Encodings", EncodingRegistry.Families.Select(f => (f.Name, f.Origin))),
            Of("Mappers", MapperCatalog.All.Select(m => (m.Name, m.Origin))),
            Of("Consumers", ConsumerCatalog.All.Select(c => (c.Name, c.Origin))),
        ], InSummary: false);
    }
}
