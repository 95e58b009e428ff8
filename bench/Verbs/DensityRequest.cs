using System.Globalization;
using BenchSuite.Bench.Cli;
using BenchSuite.Encodings;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;
using BenchSuite.Workloads.Traces;

namespace BenchSuite.Bench.Verbs;

/// <summary>What <c>density</c> (and later <c>run</c>) was asked to measure, validated before anything is built.</summary>
/// <param name="Granule">the IOMMU's smallest page (<c>iova_granule</c>), for the mappers with an IOMMU.</param>
public sealed record DensityRequest(IReadOnlyList<string> Encodings, IReadOnlyList<string> Scenarios, IReadOnlyList<ulong> Sizes,
    IReadOnlyList<string> Traces, IReadOnlyList<MapperInfo> Mappers, DmaLimits Limits, ulong Seed, ulong Granule = Page.Size)
{
    /// <summary>Encoding names as given (variants, and <c>KNOB=*</c> for every value of a knob) as canonical variant names.</summary>
    public static IReadOnlyList<string> ExpandEncodings(IEnumerable<string> names)
    {
        try
        {
            return names.SelectMany(EncodingRegistry.Expand).Distinct().ToList();
        }
        catch (ArgumentException e)
        {
            throw new InputException($"--encodings: {e.Message}");
        }
    }

    /// <summary>The request on <paramref name="a"/>'s options; scenarios and sizes not given take the verb's defaults.</summary>
    public static DensityRequest From(Arguments a, IReadOnlyList<string>? defaultScenarios = null, IReadOnlyList<string>? defaultSizes = null)
    {
        IReadOnlyList<string> encodings = a.List("encodings") is { Count: > 0 } e ? ExpandEncodings(e) : EncodingRegistry.Names;
        var traces = a.Values("trace").ToList();
        var scenarios = new List<string>();
        foreach (string name in a.List("scenarios") is { Count: > 0 } s ? s : traces.Count > 0 ? [] : defaultScenarios ?? ScenarioCatalog.Names)
        {
            if (name.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal))
                traces.Add(name.Length > ScenarioCatalog.TracePrefix.Length
                    ? name[ScenarioCatalog.TracePrefix.Length..]
                    : throw new InputException($"--scenarios '{name}' names no file; a trace is given as {ScenarioCatalog.TracePrefix}FILE"));
            else
                scenarios.Add(ScenarioCatalog.Find(name).Name);
        }
        var sizes = (a.List("sizes") is { Count: > 0 } z ? z : defaultSizes ?? DensityVerb.DefaultSizes.Split(',')).Select(t => ByteSize.Parse(t, "--sizes")).ToList();
        if (sizes.FirstOrDefault(size => size > MaxListBytes) is var tooLarge and > 0)
            throw new InputException($"--sizes {ByteSize.Format(tooLarge)}: a list of at most {ByteSize.Format(MaxListBytes)} is built (in constant memory, "
                + "about a minute per scenario at that size); footprints grow linearly beyond it");
        var mappers = a.List("mappers") is { Count: > 0 } mm
            ? mm.SequenceEqual(["none"]) ? []
                : mm.Contains("none") ? throw new InputException("--mappers none stands alone: it means no DMA rows")
                : mm.Distinct().Select(MapperCatalog.Find).ToList()
            : MapperCatalog.All;
        DmaLimits device = a.Value("device") is { } d ? DevicePreset.Find(d).Limits : DmaLimits.None;
        // Zero is accepted so the builders' own refusal of a max_segment below a page can be shown.
        ulong maxSegment = a.Value("max-segment") is { } m ? ByteSize.Parse(m, "--max-segment", allowZero: true) : device.MaxSegment;
        ulong boundary = device.SegmentBoundary;
        if (a.Value("seg-boundary") is { } b)
        {
            boundary = ByteSize.Parse(b, "--seg-boundary");
            if (!ulong.IsPow2(boundary) || boundary < 4096)
                throw new InputException($"--seg-boundary '{b}' must be a power of two of at least 4K (the mask plus one)");
        }
        ulong granule = Page.Size;
        if (a.Value("iommu-granule") is { } g)
        {
            granule = ByteSize.Parse(g, "--iommu-granule");
            if (granule is not (4096 or 16384 or 65536))
                throw new InputException($"--iommu-granule '{g}' must be 4K, 16K or 64K (the IOMMU page sizes the suite maps with)");
        }
        ulong seed = a.Value("seed") is { } seedText ? Arguments.ParseSeed(seedText, "seed") : 1;
        return new DensityRequest(encodings.Distinct().ToList(), scenarios.Distinct().ToList(), sizes.Distinct().ToList(),
            traces.Select(Path.GetFullPath).Distinct().ToList(),
            mappers, new DmaLimits(Math.Max(maxSegment, 1), boundary) { Queue = device.Queue }, seed, granule);
    }

    /// <summary>
    /// The largest list built: 4 TiB, 4 times the footprint sweep's largest, streams 1 G pages through the encodings in
    /// under a minute per scenario here (rdma-4k: 53 s on 2 cores). A size typed with a few zeros too many would
    /// otherwise run for days.
    /// </summary>
    public const ulong MaxListBytes = 4UL << 40;

    /// <summary>The device's max_segment, also given to the builders that build within it (scatterlist, phyr16, order8).</summary>
    public ulong MaxSegment => Limits.MaxSegment;

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
