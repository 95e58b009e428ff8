using BenchSuite.Reports.Results;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// The cases of a batch, in report order: page list by page list, and within one, operation by operation across
/// every encoding. They run in rounds, each round in its own shuffled order (<see cref="RoundOrder"/>).
/// </summary>
public static class BatchPlan
{
    public static IReadOnlyList<BatchCase> Cases(IReadOnlyList<PageList> lists, IReadOnlyList<string> encodings, IReadOnlyList<BatchOperation> operations)
    {
        var cases = new List<BatchCase>();
        foreach (PageList list in lists)
        {
            string size = ByteSize.Format(list.LengthBytes);
            foreach (BatchOperation operation in operations)
            {
                foreach (string encoding in encodings)
                {
                    string id = $"{operation.Id}/{encoding}/{list.Name}/{size}";
                    cases.Add(new BatchCase(id, operation.Id, encoding, list.Name, size, list.LengthBytes, list.Pages,
                        operation.Unit, operation.UnitsPerInvocation(list.Pages), CaseStatus.Planned, null, null, [], null, null, null, null, null, null));
                }
            }
        }
        var clash = cases.GroupBy(c => FileNameOf(c, 0)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InputException($"cases '{string.Join("' and '", clash.Select(c => c.Id))}' would share a result file; give the traces different names");
        return cases;
    }

    /// <summary>
    /// The order of one round: the given cases shuffled (Fisher-Yates) by a generator seeded with the batch's order
    /// seed and the round, so a batch's order is recorded by one number and replays exactly.
    /// </summary>
    public static List<int> RoundOrder(IEnumerable<int> cases, ulong orderSeed, int round)
    {
        var order = cases.ToList();
        // Not HashCode.Combine: it is seeded per process, and the order must replay.
        var random = new Random((int)((orderSeed * 0x9E3779B97F4A7C15 + (ulong)round * 0xBF58476D1CE4E5B9) >> 33));
        for (int i = order.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// One round's BenchmarkDotNet export under <c>bdn/</c>: the case's id, a trace named by its file name alone, with
    /// every character a file name should not hold replaced, and the round.
    /// </summary>
    public static string FileNameOf(BatchCase c, int round)
    {
        string scenario = c.Scenario.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal)
            ? "trace-" + Path.GetFileNameWithoutExtension(c.Scenario[ScenarioCatalog.TracePrefix.Length..])
            : c.Scenario;
        string name = $"{c.Operation}.{c.Encoding}.{scenario}.{c.Size}";
        return new string(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' ? ch : '_').ToArray()) + $".r{round}.json";
    }
}
