using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;

namespace BenchSuite.Bench.Benchmarks.DmaMap;

/// <summary>
/// Maps the list with one mapper into the encoding's own DMA output and unmaps it again, as a driver does per I/O
/// or registration: create the output, plan, allocate IOVA, write page table and output, then clear the page table,
/// free the IOVA and the output. bio_vec stores no output, so its segments go to a sink that only sums them.
/// Setup checks every byte of one mapping (<see cref="DmaCheck"/>) and that unmap leaves nothing mapped.
/// Returns the segments the device was given.
/// </summary>
public class DmaMapBenchmark<TList, TDma> : EncodingBenchmark<TList>
    where TList : struct, IRangeList<TList>
    where TDma : struct, IDmaList<TDma, TList>
{
    /// <summary>A name from <see cref="MapperCatalog"/>.</summary>
    public string Mapper { get; set; } = "iommu";

    DmaMapper? _mapper;

    protected override void SetUpOperation()
    {
        _mapper = new DmaMapper(MapperCatalog.Find(Mapper).Kind, DmaLimits.None, Source.Bars);
        var check = new DmaCheck(Pages, Parameters, _mapper, TDma.MaxSegmentBytes);
        DmaCheck.Sink sink = check.AsSink();
        TDma output = TDma.Create(Allocator, List, _mapper.IsIdentity);
        try
        {
            if (!DmaPipeline.TryMapAndConsume(_mapper, List, ref output, ref sink, out DmaMapping mapping, out Refusal refusal))
                throw new CaseNotApplicableException(refusal.Detail);
            Check(check.Complete, check.Error ?? "the segments stopped before the end of the buffer");
            _mapper.Unmap(mapping);
            Check(_mapper.PageTable is not { PresentLeaves: > 0 } && _mapper.Iova is not { Live: > 0 }, "unmap left IO page table entries or IOVA behind");
            Check(DmaMap() == mapping.Segments, "a second mapping gave a different segment count");
        }
        finally
        {
            output.Dispose();
        }
    }

    [Benchmark]
    public long DmaMap()
    {
        DmaMapper mapper = _mapper!;
        TDma output = TDma.Create(Allocator, List, mapper.IsIdentity);
        DmaMapping mapping;
        if (TDma.StoresSegments)
        {
            if (!mapper.TryMap(List, ref output, out mapping, out Refusal refusal))
                throw new BenchmarkValidationException(refusal.Detail);
        }
        else
        {
            var sink = new SummingSink();
            mapping = mapper.MapTo(List, ref sink, TDma.MaxSegmentBytes);
        }
        mapper.Unmap(mapping);
        output.Dispose();
        return mapping.Segments;
    }

    protected override void CleanUpOperation() => _mapper?.Dispose();

    struct SummingSink : IDmaSink
    {
        public ulong Sum;

        public void Add(in DmaSegment segment) => Sum += segment.Address + segment.Length;
    }
}
