using System.Runtime.CompilerServices;
using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Workloads.Memory;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// One simulated device behind one kind of translation, shared by every encoding (the encodings differ only in how
/// they are walked and where the segments go). Owns the IOVA allocator and IO page table for
/// <see cref="MapperKind.Iommu"/>, <see cref="MapperKind.P2P"/> and <see cref="MapperKind.IovaLink"/>.
/// <para>
/// <see cref="TryMap{TList, TDma}"/> fills an encoding's DMA output in two passes over the list, as
/// <c>iommu_dma_map_sg</c> does: the first plans (segment count, IOVA size, or a refusal), then the IOVA is allocated
/// and the second pass writes the page table and the output; the output says how it meets the device's limits
/// (<see cref="DmaSegmenting"/>, <see cref="SegmentWalk"/>). <see cref="MapTo{TList, TSink}"/> maps a bio chain request
/// by request, as the block layer does, handing the segments straight to a consumer. <see cref="Unmap"/> undoes either.
/// </para>
/// </summary>
public sealed class DmaMapper : IDisposable
{
    readonly long[] _busOffsets = new long[PinnedPage.MaxProvider + 1];

    public DmaMapper(MapperKind kind, DmaLimits limits, IEnumerable<BarWindow>? bars = null, ulong granule = 4096)
    {
        Kind = kind;
        Limits = limits;
        Queue = BlockQueues.Limits(limits.Queue, kind, limits);
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

    /// <summary>The block queue's limits, which split a bio chain into requests (<see cref="MapTo{TList, TSink}"/>).</summary>
    public QueueLimits Queue { get; }

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
        where TDma : struct, IDmaList<TDma, TList>
    {
        if (!TDma.StoresSegments && typeof(TList) == typeof(BioChain))
        {
            // Nothing is stored (bio_vec): the mapping is the block layer's, its segments counted.
            var none = new NullSink();
            mapping = MapRequests(Unsafe.As<TList, BioChain>(ref list), ref none, Math.Min(Limits.MaxSegment, TDma.MaxSegmentBytes));
            refusal = Refusal.None;
            return true;
        }
        ulong maxSegment = Math.Min(Limits.MaxSegment, TDma.MaxSegmentBytes);
        output.UseLimits(new DeviceSegmentation(maxSegment, Limits.BoundaryMask));
        if (Kind == MapperKind.IovaLink)
            return TryLink(list, ref output, maxSegment, out mapping, out refusal);
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
        ulong iovaBase = iovaBytes == 0 ? 0 : Iova!.Allocate(iovaBytes);
        var write = Walk(maxSegment, PageTable, iovaBase, TDma.Segmenting);
        write.Run(list, ref output);
        output.Complete();
        if (iovaBytes != 0)
            PageTable!.Sync();   // iommu_map_sg: one iommu_sync_map for the whole list
        if (write.Segments != plan.Segments)
            throw new InvalidOperationException($"mapping planned {plan.Segments} segments but wrote {write.Segments}");
        // An output that cuts as it is iterated hands the device more segments than the walk made: it counts them.
        long segments = TDma.Segmenting == DmaSegmenting.EachEntry ? output.Entries : write.Segments;
        mapping = new DmaMapping(iovaBase, iovaBytes, segments);
        return true;
    }

    /// <summary>
    /// The two-step DMA API (drivers/iommu/dma-iommu.c, v6.16), as its callers drive it. When every range can join
    /// one window (<see cref="LinkSurvey"/>), <c>dma_iova_try_alloc</c> reserves it for the list's bytes plus the first
    /// range's offset in its granule, each range is linked at its running offset (<c>dma_iova_link</c>: one
    /// <c>iommu_map_nosync</c> each, only the first starting inside a granule) and one <c>dma_iova_sync</c> follows
    /// (block/blk-mq-dma.c, <c>blk_rq_dma_map_iova</c>). The caller keeps the <c>dma_iova_state</c> and no list; the
    /// device is given the window, cut at its limits. <c>hmm_dma_map</c> (pagearray's output, <see cref="DmaOutputTraits.PerPage"/>)
    /// keeps its pfn_list and the state in its header, and syncs after each page it links (mm/hmm.c, <c>hmm_dma_map_pfn</c>).
    /// <para>
    /// Otherwise every range is mapped alone, as the block layer falls back (<c>blk_dma_map_direct</c>):
    /// <c>dma_map_phys</c> gives a RAM range its own IOVA (<c>iommu_dma_map_phys</c>: an allocation and an
    /// <c>iommu_map</c>, which syncs), a BAR range its bus address; the segments go to the encoding's DMA output,
    /// which the caller must keep to unmap them. Departures: whether the list joins one window is decided by a walk of
    /// its ranges first, which the timing includes (the block layer decides from the request's merge state); and, as
    /// for the block layer, the kernel hands a window over as one range whatever its length, where here it is cut at
    /// the device's max_segment and boundary.
    /// </para>
    /// </summary>
    bool TryLink<TList, TDma>(TList list, ref TDma output, ulong maxSegment, out DmaMapping mapping, out Refusal refusal)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        bool perPage = (TDma.OutputTraits & DmaOutputTraits.PerPage) != 0;   // not HasFlag: unoptimised code boxes it
        var survey = new LinkSurvey(Granule);
        RangeCursor cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
            survey.Add(range);
        int stateBytes = perPage ? 0 : DmaMapping.IovaStateBytes;
        if (perPage && survey.Unaligned)
        {
            // hmm_dma_map_alloc's window always succeeds (phys 0), and nothing falls back: each page is linked at
            // idx * PAGE_SIZE, which dma_iova_link refuses for a page off the granule after the first.
            refusal = new Refusal(TList.Name, RefusalReason.DmaNotRepresentable, $"hmm_dma_map_pfn links each page into one window: dma_iova_link "
                + $"returns -EIO for a page after the first that is not on the {ByteSize.Format(Granule)} IOMMU granule (iova_start_pad && offset > 0)");
            mapping = default;
            return false;
        }
        if (survey.Joins)
        {
            ulong pad = survey.FirstPhys & (Granule - 1);
            ulong reserved = AlignUp(survey.Bytes + pad, Granule);
            ulong iovaBase = Iova!.Allocate(reserved);
            var window = new LogicalRange(survey.FirstPhys, survey.Bytes, 0);
            long segments;
            if (perPage)
            {
                var planSink = new PlanSink<TDma, TList>(output);
                Walk(maxSegment, null, iovaBase, DmaSegmenting.CutAtLimits).RunOne(window, ref planSink);
                if (!output.TryAllocate(out refusal))
                {
                    Iova.Free(iovaBase, reserved);
                    mapping = default;
                    return false;
                }
                segments = Walk(maxSegment, null, iovaBase, DmaSegmenting.CutAtLimits).RunOne(window, ref output);
                output.Complete();
            }
            else
            {
                var none = new NullSink();
                segments = Walk(maxSegment, null, iovaBase, DmaSegmenting.CutAtLimits).RunOne(window, ref none);
            }
            ulong offset = 0;
            cursor = list.StartRanges();
            while (list.NextRange(ref cursor, out LogicalRange range))
            {
                ulong head = offset == 0 ? pad : 0;
                PageTable!.Map(iovaBase + pad + offset - head, range.Phys - head, AlignUp(range.LengthBytes + head, Granule));
                if (perPage)
                    PageTable.Sync();
                offset += range.LengthBytes;
            }
            if (!perPage)
                PageTable!.Sync();
            mapping = new DmaMapping(iovaBase, reserved, segments)
                { InState = !perPage, StateAddress = iovaBase + pad, StateSize = survey.Bytes, StateBytes = stateBytes };
            refusal = Refusal.None;
            return true;
        }
        // Each range alone: planned with the IOVA each will get, then allocated, mapped and written.
        var plan = new PlanSink<TDma, TList>(output);
        ulong top = Iova!.Top;
        long planned = 0;
        cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
            planned += Walk(maxSegment, null, range.IsP2P ? 0 : Iova.Peek(ref top, Reserved(range)), DmaSegmenting.CutAtLimits).RunOne(range, ref plan);
        if (!output.TryAllocate(out refusal))
        {
            mapping = default;
            return false;
        }
        long written = 0;
        int allocations = 0;
        ulong low = ulong.MaxValue, high = 0;
        cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
        {
            ulong iovaBase = 0;
            if (!range.IsP2P)
            {
                ulong head = range.Phys & (Granule - 1);
                iovaBase = Reserve(Reserved(range), ref allocations, ref low, ref high);
                PageTable!.Map(iovaBase, range.Phys - head, AlignUp(range.LengthBytes + head, Granule));
                PageTable.Sync();
            }
            written += Walk(maxSegment, null, iovaBase, DmaSegmenting.CutAtLimits).RunOne(range, ref output);
        }
        output.Complete();
        if (written != planned)
            throw new InvalidOperationException($"iova-link planned {planned} segments but wrote {written}");
        mapping = (allocations == 0 ? new DmaMapping(0, 0, written, 0) : new DmaMapping(low, high - low, written, allocations))
            with { StateBytes = stateBytes };
        return true;
    }

    /// <summary>The IOVA a range mapped alone takes: its granules (<c>iommu_dma_map_phys</c>, <c>iova_align</c>).</summary>
    ulong Reserved(in LogicalRange range) => AlignUp(range.LengthBytes + (range.Phys & (Granule - 1)), Granule);

    /// <summary>The segments of a mapping kept as its <c>dma_iova_state</c> alone: the window, cut at the device's limits.</summary>
    public void ReplayState<TSink>(in DmaMapping mapping, ulong maxSegmentBytes, ref TSink sink) where TSink : struct, IDmaSink
    {
        if (!mapping.InState)
            throw new InvalidOperationException("the mapping is kept in its DMA output, not in a dma_iova_state");
        // The window's first byte sits at the first range's offset in its granule, which StateAddress keeps.
        var window = new LogicalRange(mapping.StateAddress, mapping.StateSize, 0);
        Walk(Math.Min(Limits.MaxSegment, maxSegmentBytes), null, mapping.IovaBase, DmaSegmenting.CutAtLimits).RunOne(window, ref sink);
    }

    /// <summary>
    /// Whether a list can be linked into one IOVA window: no range is a bus address, and every interior boundary is
    /// on the IOMMU granule (the merge boundary: <c>blk_can_dma_map_iova</c>; dma-api.rst, "the start of all but the
    /// first call to dma_iova_link ... must be aligned to the DMA merge boundary ..., and the size of all but the last
    /// range"; <c>dma_iova_link</c> returns -EIO for an unaligned range after the first).
    /// </summary>
    struct LinkSurvey(ulong granule)
    {
        public ulong Bytes;
        public ulong FirstPhys;
        ulong _previousEnd;
        bool _bus;

        /// <summary>An interior boundary is off the granule.</summary>
        public bool Unaligned { get; private set; }

        public readonly bool Joins => !Unaligned && !_bus && Bytes != 0;

        public void Add(in LogicalRange range)
        {
            _bus |= range.IsP2P;
            if (Bytes == 0)
                FirstPhys = range.Phys;
            else if (((_previousEnd | range.Phys) & (granule - 1)) != 0)
                Unaligned = true;
            _previousEnd = range.End;
            Bytes += range.LengthBytes;
        }
    }

    /// <summary>
    /// Maps a bio chain as the block layer maps each request while the driver walks it (block/blk-mq-dma.c,
    /// <c>blk_rq_dma_map_iter_start</c>/<c>_next</c>), each segment going straight to <paramref name="sink"/>; nothing
    /// is stored. Only bio chains are mapped this way: every other encoding keeps a DMA output (<see cref="TryMap"/>).
    /// </summary>
    public DmaMapping MapTo<TList, TSink>(TList list, ref TSink sink, ulong maxSegmentBytes = ulong.MaxValue)
        where TList : struct, IRangeList<TList>
        where TSink : struct, IDmaSink
    {
        if (typeof(TList) != typeof(BioChain))
            throw new NotSupportedException($"{TList.Name} keeps a DMA output; only a bio chain is mapped while it is walked");
        return MapRequests(Unsafe.As<TList, BioChain>(ref list), ref sink, Math.Min(Limits.MaxSegment, maxSegmentBytes));
    }

    /// <summary>
    /// Request by request, split and merged at the queue's limits (<see cref="BioChain.NextRequest"/>, <see cref="Queue"/>):
    /// its P2P mode fixed by its first page; with an IOMMU, one
    /// IOVA window sized by the request's payload, not by a walk (<c>dma_iova_try_alloc</c> with
    /// <c>blk_rq_payload_bytes</c>), when every interior boundary is on a granule (<c>blk_can_dma_map_iova</c>), else
    /// one mapping per merged range (<c>blk_dma_map_direct</c>: <c>dma_map_phys</c>, an IOVA each). Segments are cut at
    /// the device's limits (<c>get_max_segment_size</c>); departure: the kernel hands a coalesced window over as one
    /// range whatever its length, which a device with a max_segment could not take.
    /// </summary>
    DmaMapping MapRequests<TSink>(BioChain chain, ref TSink sink, ulong maxSegment) where TSink : struct, IDmaSink
    {
        long segments = 0;
        int allocations = 0;
        ulong low = ulong.MaxValue, high = 0;
        RangeCursor bios = chain.StartRequests();
        while (chain.NextRequest(ref bios, Queue, out BlockRequest request))
        {
            RangeCursor ranges = request.Ranges;
            ulong left = request.Bytes;
            // A request of BAR pages behind the switch gets bus addresses (blk_dma_map_bus) under p2p and iova-link alike.
            bool iova = Kind == MapperKind.Iommu || (Kind is MapperKind.P2P or MapperKind.IovaLink && request.Provider == 0);
            if (!iova || request.FitsOneWindow(Granule))
            {
                ulong iovaBase = 0;
                if (iova)
                {
                    RangeCursor peek = ranges;
                    ulong peekLeft = left;
                    chain.NextRequestRange(ref peek, ref peekLeft, out LogicalRange first);
                    ulong bytes = AlignUp(request.Bytes + (first.Phys & (Granule - 1)), Granule);
                    iovaBase = Reserve(bytes, ref allocations, ref low, ref high);
                }
                var walk = Walk(maxSegment, iova ? PageTable : null, iovaBase, DmaSegmenting.CutAtLimits);
                while (chain.NextRequestRange(ref ranges, ref left, out LogicalRange range))
                    walk.Add(range, ref sink);
                walk.Finish(ref sink);
                if (iova)
                    PageTable!.Sync();   // blk_rq_dma_map_iova: one dma_iova_sync per request
                segments += walk.Segments;
                continue;
            }
            // One mapping per merged range: physically contiguous bvecs merge (blk_map_iter_next, biovec_phys_mergeable).
            LogicalRange merged = default;
            bool more;
            do
            {
                more = chain.NextRequestRange(ref ranges, ref left, out LogicalRange range);
                // blk_map_iter_next stops merging where the merged range would pass the device's max segment.
                if (more && merged.LengthBytes != 0 && range.Phys == merged.End && merged.LengthBytes + range.LengthBytes <= maxSegment)
                {
                    merged = merged with { LengthBytes = merged.LengthBytes + range.LengthBytes };
                    continue;
                }
                if (merged.LengthBytes != 0)
                {
                    ulong iovaBase = Reserve(AlignUp(merged.LengthBytes + (merged.Phys & (Granule - 1)), Granule), ref allocations, ref low, ref high);
                    var walk = Walk(maxSegment, PageTable, iovaBase, DmaSegmenting.CutAtLimits);
                    walk.Add(merged, ref sink);
                    walk.Finish(ref sink);
                    PageTable!.Sync();   // dma_map_phys: iommu_map syncs each mapping
                    segments += walk.Segments;
                }
                if (more)
                    merged = range;
            }
            while (more);
        }
        return allocations == 0 ? new DmaMapping(0, 0, segments, 0) : new DmaMapping(low, high - low, segments, allocations);
    }

    ulong Reserve(ulong bytes, ref int allocations, ref ulong low, ref ulong high)
    {
        ulong iova = Iova!.Allocate(bytes);
        allocations++;
        low = Math.Min(low, iova);
        high = Math.Max(high, iova + bytes);
        return iova;
    }

    static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    /// <summary>
    /// Clears the page table entries of the mapping and frees its IOVA (<c>iommu_dma_unmap_sg</c>). A mapping's IOVA
    /// allocations (several for the block layer's per-range mappings) are carved one below the other, so their span
    /// holds no other mapping's while one mapping is live at a time, as every caller here maps and unmaps in turn;
    /// the allocator counts frees and reuses its space when none is live.
    /// </summary>
    public void Unmap(in DmaMapping mapping)
    {
        if (!mapping.UsesIova)
            return;
        PageTable!.Unmap(mapping.IovaBase, mapping.IovaBytes);
        for (int i = 0; i < mapping.IovaAllocations; i++)
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
