using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// One simulated device behind one kind of translation, shared by every encoding (the encodings differ only in how
/// they are walked and where the segments go). Owns the IOVA allocator and IO page table for
/// <see cref="MapperKind.Iommu"/> and <see cref="MapperKind.P2P"/>.
/// <para>
/// <see cref="TryMap{TList, TDma}"/> fills an encoding's DMA output in two passes over the list, as
/// <c>iommu_dma_map_sg</c> does: the first plans (segment count, IOVA size, or a refusal), then the IOVA is allocated
/// and the second pass writes the page table and the output. Entries are mapped whole (<see cref="SegmentWalk"/>). <see cref="MapTo{TList, TSink}"/> hands the segments
/// straight to a consumer, the block layer's way for bio_vec. <see cref="Unmap"/> undoes either.
/// </para>
/// </summary>
public sealed class DmaMapper : IDisposable
{
    readonly long[] _busOffsets = new long[PinnedPage.MaxProvider + 1];

    public DmaMapper(MapperKind kind, DmaLimits limits, IEnumerable<BarWindow>? bars = null, ulong granule = 4096)
    {
        Kind = kind;
        Limits = limits;
        foreach (BarWindow bar in bars ?? [])
            _busOffsets[bar.Provider] = bar.BusOffset;
        IsIdentity = kind == MapperKind.Direct && limits.IsUnlimited && _busOffsets.All(o => o == 0);
        if (kind != MapperKind.Direct)
        {
            Iova = new IovaAllocator(granule);
            PageTable = new IoPageTable();
        }
    }

    public MapperKind Kind { get; }

    public DmaLimits Limits { get; }

    public IovaAllocator? Iova { get; }

    public IoPageTable? PageTable { get; }

    ulong Granule => Iova?.Granule ?? Page.Size;

    /// <summary>dma-direct with no offset and no limits: every segment is the range it came from.</summary>
    public bool IsIdentity { get; }

    /// <summary>The bus address of <paramref name="phys"/> in <paramref name="provider"/>'s BAR.</summary>
    public ulong BusAddressOf(ulong phys, int provider) => (ulong)((long)phys + _busOffsets[provider]);

    /// <summary>Maps <paramref name="list"/> into <paramref name="output"/>; false, with the reason, if the output refuses.</summary>
    public bool TryMap<TList, TDma>(TList list, ref TDma output, out DmaMapping mapping, out Refusal refusal)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList> =>
        TryMap(list, ref output, dry: false, out mapping, out refusal);

    /// <summary>
    /// The same segments without IOVA or page table (the IOVA starts at 0; allocations are naturally aligned, so
    /// every cut falls where it would): what density counts.
    /// </summary>
    public bool TryMapDry<TList, TDma>(TList list, ref TDma output, out DmaMapping mapping, out Refusal refusal)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList> =>
        TryMap(list, ref output, dry: true, out mapping, out refusal);

    bool TryMap<TList, TDma>(TList list, ref TDma output, bool dry, out DmaMapping mapping, out Refusal refusal)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        ulong maxSegment = Math.Min(Limits.MaxSegment, TDma.MaxSegmentBytes);
        output.UseLimits(new DeviceSegmentation(maxSegment, Limits.BoundaryMask));
        var plan = Walk(maxSegment, null, 0, TDma.Segmenting);
        var planSink = new PlanSink<TDma, TList>(output);
        plan.Run(list, ref planSink);
        if (plan.TooLong != 0)
        {
            refusal = new Refusal(TList.Name, RefusalReason.EntryLongerThanSegment,
                $"an entry of {plan.TooLong} bytes does not fit one segment ({Limits}; the DMA output's length field takes {TDma.MaxSegmentBytes}); "
                + "dma_map_sg maps entries whole, so a list is built within the device's max_segment");
            mapping = default;
            return false;
        }
        if (!output.TryAllocate(out refusal))
        {
            mapping = default;
            return false;
        }
        ulong iovaBytes = plan.IovaBytes;
        ulong iovaBase = iovaBytes == 0 || dry ? 0 : Iova!.Allocate(iovaBytes);
        var write = Walk(maxSegment, dry ? null : PageTable, iovaBase, TDma.Segmenting);
        write.Run(list, ref output);
        output.Complete();
        if (write.Segments != plan.Segments)
            throw new InvalidOperationException($"mapping planned {plan.Segments} segments but wrote {write.Segments}");
        // An output that cuts as it is iterated hands the device more segments than the walk made: it counts them.
        long segments = TDma.Segmenting == DmaSegmenting.EachEntry ? output.Entries : write.Segments;
        mapping = new DmaMapping(iovaBase, dry ? 0 : iovaBytes, segments);
        return true;
    }

    /// <summary>
    /// Maps while walking, each segment going straight to <paramref name="sink"/> (bio_vec: nothing is stored). The IOVA
    /// is sized by a first walk, as <c>dma_iova_try_alloc</c> is given the request's length before any link.
    /// </summary>
    public DmaMapping MapTo<TList, TSink>(TList list, ref TSink sink, ulong maxSegmentBytes = ulong.MaxValue)
        where TList : struct, IRangeList<TList>
        where TSink : struct, IDmaSink
    {
        ulong maxSegment = Math.Min(Limits.MaxSegment, maxSegmentBytes);
        ulong iovaBase = 0, iovaBytes = 0;
        if (Kind != MapperKind.Direct)
        {
            var size = Walk(maxSegment, null, 0, DmaSegmenting.CutAtLimits);
            var none = new NullSink();
            size.Run(list, ref none);
            iovaBytes = size.IovaBytes;
            iovaBase = iovaBytes == 0 ? 0 : Iova!.Allocate(iovaBytes);
        }
        var write = Walk(maxSegment, PageTable, iovaBase, DmaSegmenting.CutAtLimits);
        write.Run(list, ref sink);
        return new DmaMapping(iovaBase, iovaBytes, write.Segments);
    }

    /// <summary>Clears the page table entries of the mapping and frees its IOVA (<c>iommu_dma_unmap_sg</c>: one span).</summary>
    public void Unmap(in DmaMapping mapping)
    {
        if (!mapping.UsesIova)
            return;
        PageTable!.Unmap(mapping.IovaBase, mapping.IovaBytes);
        Iova!.Free(mapping.IovaBase, mapping.IovaBytes);
    }

    SegmentWalk Walk(ulong maxSegment, IoPageTable? pageTable, ulong iovaBase, DmaSegmenting mode) =>
        new(Kind, maxSegment, Limits.BoundaryMask, Granule, _busOffsets, pageTable, iovaBase, mode);

    public void Dispose() => PageTable?.Dispose();

    /// <summary>The planning pass: the output sees each segment before anything is written.</summary>
    struct PlanSink<TDma, TList>(TDma output) : IDmaSink
        where TDma : struct, IDmaList<TDma, TList>
        where TList : struct, IRangeList<TList>
    {
        TDma _output = output;

        public void Add(in DmaSegment segment) => _output.Plan(segment);
    }

    struct NullSink : IDmaSink
    {
        public readonly void Add(in DmaSegment segment) { }
    }
}
