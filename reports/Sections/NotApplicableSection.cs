using BenchSuite.Reports.Documents;
using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;

namespace BenchSuite.Reports.Sections;

/// <summary>
/// Every case the batch could not time or whose time is not a result, and why: n/a (the encoding cannot represent the
/// input), failed, or below resolution.
/// </summary>
static class NotApplicableSection
{
    public static Section Build(BatchResults results)
    {
        var rows = results.Batch.Cases.Where(c => c.Status != CaseStatus.Measured)
            .Select(c => (IReadOnlyList<string>)[results.ScenarioNames.ShortCaseId(c.Id), c.Status, c.Reason ?? (c.Status == CaseStatus.Planned ? "not run yet (the batch was interrupted)" : "")])
            .ToList();
        var densityRows = results.Density.Where(r => !r.Supported)
            .Select(r => (IReadOnlyList<string>)[$"density/{r.Encoding}/{results.ScenarioNames.Short(r.Scenario)}/{Cells.Bytes((long)r.PinnedBytes)}", CaseStatus.NotApplicable, r.Reason ?? ""]);
        rows.AddRange(densityRows);
        if (results.Timed)
            rows.AddRange(results.Batch.Cases.Where(c => results.Problems.ContainsKey(c.Id)).Select(c => (IReadOnlyList<string>)[results.ScenarioNames.ShortCaseId(c.Id), "no result", results.Problems[c.Id]]));
        IReadOnlyList<Block> blocks = rows.Count == 0
            ? [new Paragraph("Every planned case was measured.")]
            : [new Table("Cases without a result", ["case", "status", "reason"], rows, TextColumns: [1, 2])];
        return new Section("not-applicable", "Not applicable, failed or below resolution", blocks);
    }
}
