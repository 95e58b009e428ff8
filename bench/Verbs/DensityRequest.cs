using System.Globalization;
using BenchSuite.Bench.Cli;
using BenchSuite.Encodings;
using BenchSuite.Workloads;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;
using BenchSuite.Workloads.Traces;

namespace BenchSuite.Bench.Verbs;

/// <summary>What <c>density</c> (and later <c>run</c>) was asked to measure, validated before anything is built.</summary>
public sealed record DensityRequest(IReadOnlyList<string> Encodings, IReadOnlyList<string> Scenarios, IReadOnlyList<ulong> Sizes,
    IReadOnlyList<string> Traces, ulong MaxSegment, ulong Seed)
{
    public static DensityRequest From(Arguments a)
    {
        IReadOnlyList<string> encodings = a.List("encodings") is { Count: > 0 } e ? e : EncodingCatalog.Names;
        foreach (string name in encodings)
        {
            if (!EncodingCatalog.Contains(name))
                throw new InputException($"unknown encoding '{name}'; known: {string.Join(", ", EncodingCatalog.Names)}");
        }
        var traces = a.Values("trace").ToList();
        var scenarios = new List<string>();
        foreach (string name in a.List("scenarios") is { Count: > 0 } s ? s : traces.Count > 0 ? [] : ScenarioCatalog.Names)
        {
            if (name.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal))
                traces.Add(name[ScenarioCatalog.TracePrefix.Length..]);
            else
                scenarios.Add(ScenarioCatalog.Find(name).Name);
        }
        var sizes = (a.List("sizes") is { Count: > 0 } z ? z : DensityVerb.DefaultSizes.Split(',')).Select(t => ByteSize.Parse(t, "--sizes")).ToList();
        ulong maxSegment = a.Value("max-segment") is { } m ? ByteSize.Parse(m, "--max-segment", allowZero: true) : BuildParameters.UnlimitedMaxSegment;
        ulong seed = 1;
        if (a.Value("seed") is { } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            throw new InputException($"--seed '{seedText}' is not a non-negative integer");
        return new DensityRequest(encodings.Distinct().ToList(), scenarios.Distinct().ToList(), sizes.Distinct().ToList(), traces, maxSegment, seed);
    }

    /// <summary>Scenario × size lists, then traces (opened, and so fully checked, before anything is measured).</summary>
    public IEnumerable<PageList> PageLists()
    {
        var traces = Traces.Select(PageTrace.Open).ToList();
        foreach (string scenario in Scenarios)
            foreach (ulong size in Sizes)
                yield return ScenarioCatalog.Find(scenario).Create(size, Seed);
        foreach (PageList trace in traces)
            yield return trace;
    }
}
