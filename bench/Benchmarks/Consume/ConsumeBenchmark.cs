using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Dma.Consumers;

namespace BenchSuite.Bench.Benchmarks.Consume;

/// <summary>
/// Builds one consumer's device descriptors from the encoding's DMA output: the output is mapped once in setup with
/// <c>direct</c> (no IOMMU, so the segments are the encoding's own ranges) and each invocation walks it into the
/// consumer. bio_vec keeps no output and is mapped while walked, which under <c>direct</c> is the same walk.
/// <para>
/// Setup checks the segments byte by byte (<see cref="DmaCheck"/>) and that the consumer writes exactly what the
/// reference ranges, given to it as segments, make it write. Returns the descriptors written.
/// </para>
/// </summary>
public class ConsumeBenchmark<TList, TDma> : EncodingBenchmark<TList>
    where TList : struct, IRangeList<TList>
    where TDma : struct, IDmaList<TDma, TList>
{
    /// <summary>The MR's user virtual address: 1 GiB aligned plus the buffer's first offset, as an mmap'ed buffer's is.</summary>
    const ulong MrVirtBase = 0x7f00_0000_0000;

    /// <summary>
    /// The GPU VA of the buffer's first page: 1 GiB aligned, so 2 MiB and 1 GiB leaves depend on the DMA side alone; the
    /// first byte's offset in its page comes with the first segment.
    /// </summary>
    const ulong GpuVaBase = 0x7f00_0000_0000;

    /// <summary>A name from <see cref="ConsumerCatalog"/>.</summary>
    public string Consumer { get; set; } = "nvme-prp";

    ConsumerKind _kind;
    DmaMapper? _mapper;
    TDma _output;
    OutputSegments _source;
    PrpList _prp;
    SglList _sgl;
    MrPageList _mr;
    GpuPageTable _gpu;

    protected override void SetUpOperation()
    {
        _kind = ConsumerCatalog.Find(Consumer).Kind;
        _mapper = new DmaMapper(MapperKind.Direct, DmaLimits.None, Source.Bars);
        _output = TDma.Create(Allocator, List, _mapper.IsIdentity);
        if (TDma.StoresSegments && !_mapper.TryMap(List, ref _output, out _, out Refusal refusal))
            throw new CaseNotApplicableException(refusal.Detail);
        _source = new OutputSegments(List, _output, _mapper);
        var check = new DmaCheck(Pages, Parameters, _mapper, TDma.MaxSegmentBytes);
        DmaCheck.Sink checkSink = check.AsSink();
        _source.Feed(ref checkSink);
        Check(check.Complete, check.Error ?? "the segments stopped before the end of the buffer");

        _prp = PrpList.Create();
        _sgl = SglList.Create();
        _mr = MrPageList.Create();
        _gpu = GpuPageTable.Create();
        var reference = new ReferenceSegments(ReferenceRanges, _mapper);
        ulong expected = Run(ref reference, out _);
        ulong actual = Run(ref _source, out long written);
        Check(actual == expected, $"{Consumer} wrote a different list from the output than from the reference ranges");
        Check(Consume() == written, "a second command wrote a different number of descriptors");
        if (_kind == ConsumerKind.NvmePrp && _prp.TryGetRefusal(out Refusal prpRefusal))
            throw new CaseNotApplicableException(prpRefusal.Detail);
        if (_kind == ConsumerKind.GpuPt && _gpu.TryGetRefusal(out Refusal gpuRefusal))
            throw new CaseNotApplicableException(gpuRefusal.Detail);
    }

    [Benchmark]
    public long Consume() => _kind switch
    {
        ConsumerKind.NvmePrp => ConsumePrp(ref _source),
        ConsumerKind.NvmeSgl => ConsumeSgl(ref _source),
        ConsumerKind.GpuPt => ConsumeGpu(ref _source),
        _ => ConsumeMr(ref _source),
    };

    /// <summary>Builds the consumer's list from <paramref name="source"/>; returns its digest.</summary>
    ulong Run<TSource>(ref TSource source, out long written) where TSource : struct, ISegmentSource
    {
        switch (_kind)
        {
            case ConsumerKind.NvmePrp:
                written = ConsumePrp(ref source);
                return _prp.Digest;
            case ConsumerKind.NvmeSgl:
                written = ConsumeSgl(ref source);
                return _sgl.Digest;
            case ConsumerKind.GpuPt:
                written = ConsumeGpu(ref source);
                return _gpu.Digest;
            default:
                written = ConsumeMr(ref source);
                return _mr.Digest;
        }
    }

    long ConsumePrp<TSource>(ref TSource source) where TSource : struct, ISegmentSource
    {
        _prp.Reset();
        source.Feed(ref _prp);
        _prp.Complete();
        return _prp.Entries;
    }

    long ConsumeSgl<TSource>(ref TSource source) where TSource : struct, ISegmentSource
    {
        _sgl.Reset();
        source.Feed(ref _sgl);
        _sgl.Complete();
        return _sgl.Descriptors;
    }

    /// <summary>An xe userptr bind: the page table written from the segments; returns the leaf PTEs written.</summary>
    long ConsumeGpu<TSource>(ref TSource source) where TSource : struct, ISegmentSource
    {
        _gpu.Reset(GpuVaBase);
        source.Feed(ref _gpu);
        _gpu.Complete();
        return _gpu.Ptes;
    }

    /// <summary><c>ib_umem_find_best_pgsz</c>, then the page list at that size: two walks, as an MR registration makes.</summary>
    long ConsumeMr<TSource>(ref TSource source) where TSource : struct, ISegmentSource
    {
        var size = new MrPageSize(MrVirtBase + Parameters.FirstOffset, Parameters.TotalLengthBytes);
        source.Feed(ref size);
        _mr.Reset(size.Result);
        source.Feed(ref _mr);
        return _mr.Blocks;
    }

    protected override void CleanUpOperation()
    {
        _prp.Dispose();
        _sgl.Dispose();
        _mr.Dispose();
        _gpu.Dispose();
        _output.Dispose();
        _mapper?.Dispose();
    }

    interface ISegmentSource
    {
        void Feed<TSink>(ref TSink sink) where TSink : struct, IDmaSink;
    }

    /// <summary>The encoding's stored DMA output, or for bio_vec the list mapped as it is walked.</summary>
    readonly struct OutputSegments(TList list, TDma output, DmaMapper mapper) : ISegmentSource
    {
        public void Feed<TSink>(ref TSink sink) where TSink : struct, IDmaSink
        {
            if (TDma.StoresSegments)
                DmaPipeline.Replay<TList, TDma, TSink>(output, ref sink);
            else
                mapper.MapTo(list, ref sink, TDma.MaxSegmentBytes);
        }
    }

    /// <summary>The reference ranges as <c>direct</c> gives them to a device: bus addresses for BAR pages, flagged.</summary>
    readonly struct ReferenceSegments(IReadOnlyList<LogicalRange> ranges, DmaMapper mapper) : ISegmentSource
    {
        public void Feed<TSink>(ref TSink sink) where TSink : struct, IDmaSink
        {
            foreach (LogicalRange r in ranges)
                sink.Add(new DmaSegment(r.IsP2P ? mapper.BusAddressOf(r.Phys, r.Provider) : r.Phys, r.LengthBytes, r.IsP2P));
        }
    }
}
