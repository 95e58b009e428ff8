using BenchSuite.Bench.Verbs;
using BenchSuite.Reports.Results;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// The cases of a batch, in the order they run: page list by page list, and within one, operation by operation
/// across every encoding, so an early stop still leaves whole comparisons (Iterate and Floor of every encoding).
/// </summary>
public static class BatchPlan
{
    public static IReadOnlyList<BatchCase> Cases(DensityRequest request, IReadOnlyList<BatchOperation> operations)
    {
        var cases = new List<BatchCase>();
        foreach (PageList list in request.PageLists())
        {
            string size = ByteSize.Format(list.LengthBytes);
            foreach (BatchOperation operation in operations)
            {
                foreach (string encoding in request.Encodings)
                {
                    string id = $"{operation.Id}/{encoding}/{list.Name}/{size}";
                    cases.Add(new BatchCase(id, operation.Id, encoding, list.Name, size, list.LengthBytes, list.Pages,
                        operation.Unit, operation.UnitsPerInvocation(list.Pages), CaseStatus.Planned, null, null, null, null, null, null));
                }
            }
        }
        var clash = cases.GroupBy(FileNameOf).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InputException($"cases '{string.Join("' and '", clash.Select(c => c.Id))}' would share a result file; give the traces different names");
        return cases;
    }

    /// <summary>
    /// The case's BenchmarkDotNet export under <c>bdn/</c>: its id, a trace named by its file name alone, with every
    /// character a file name should not hold replaced.
    /// </summary>
    public static string FileNameOf(BatchCase c)
    {
        string scenario = c.Scenario.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal)
            ? "trace-" + Path.GetFileNameWithoutExtension(c.Scenario[ScenarioCatalog.TracePrefix.Length..])
            : c.Scenario;
        string name = $"{c.Operation}.{c.Encoding}.{scenario}.{c.Size}";
        return new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' ? ch : '_').ToArray()) + ".json";
    }
}
