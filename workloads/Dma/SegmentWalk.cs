using System.Runtime.CompilerServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// One pass of a mapping over an encoding's ranges, shared by every encoding and mapper: it gives each range its
/// device address and cuts the result into segments the device accepts.
/// <list type="bullet">
/// <item>IOVA placement follows <c>iommu_dma_map_sg</c> (drivers/iommu/dma-iommu.c): each range keeps its offset inside
///   the granule and follows the previous one in one IOVA allocation; a range joins the open segment only when the
///   previous one ended on a granule boundary and it starts on one (<c>__finalise_sg</c>), so a list whose interior
///   boundaries are aligned becomes one IOVA range.</item>
/// <item>Direct and bus addresses never join: one segment (or more, if cut) per range, as <c>dma_direct_map_sg</c>
///   and the bus-address path of <c>__finalise_sg</c> produce.</item>
/// <item>Cuts honour max_segment (with the output's own length-field limit) at the last page-aligned address that
///   fits, which is where the kernel's whole-entry rule cuts a page-granular list, and the segment boundary exactly
///   (IOVA ranges are naturally aligned, so no padding is needed for page-granular input).</item>
/// <item>With a page table, every IOVA range is written as it is placed; physically contiguous neighbours are
///   written by one call, as <c>iommu_map_sg</c> coalesces them.</item>
/// </list>
/// </summary>
internal struct SegmentWalk
{
    readonly MapperKind _kind;
    readonly ulong _maxSegment;
    readonly ulong _boundaryMask;
    readonly ulong _granule;
    readonly long[] _busOffsets;
    readonly IoPageTable? _pageTable;
    readonly ulong _iovaBase;

    ulong _iovaNext;
    bool _lastWasIova;

    ulong _mapIova, _mapPhys, _mapBytes;

    ulong _segStart, _segLength;
    bool _segBus, _segOpen;

    public long Segments;

    public SegmentWalk(MapperKind kind, ulong maxSegment, ulong boundaryMask, ulong granule, long[] busOffsets,
        IoPageTable? pageTable, ulong iovaBase)
    {
        _kind = kind;
        _maxSegment = maxSegment;
        _boundaryMask = boundaryMask;
        _granule = granule;
        _busOffsets = busOffsets;
        _pageTable = pageTable;
        _iovaBase = iovaBase;
    }

    /// <summary>IOVA bytes the ranges seen so far need (whole granules).</summary>
    public readonly ulong IovaBytes => AlignUp(_iovaNext, _granule);

    public void Run<TList, TSink>(TList list, ref TSink sink)
        where TList : struct, IRangeList<TList>
        where TSink : struct, IDmaSink
    {
        RangeCursor cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
            Add(range, ref sink);
        Finish(ref sink);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add<TSink>(in LogicalRange range, ref TSink sink) where TSink : struct, IDmaSink
    {
        // Inputs stop below 2^52 (PageTraceFormat.PhysicalAddressBits); a range that wraps would make the segment
        // cuts below loop forever on zero-length segments, so it is a bug to stop at, not to walk.
        if (range.Phys + range.LengthBytes < range.Phys)
            throw new InvalidOperationException($"range at 0x{range.Phys:x} of {range.LengthBytes} bytes wraps the 64-bit address space");
        if (_kind == MapperKind.Direct || (_kind == MapperKind.P2P && range.IsP2P))
        {
            ulong address = range.IsP2P ? (ulong)((long)range.Phys + _busOffsets[range.Provider]) : range.Phys;
            _lastWasIova = false;
            Extend(address, range.LengthBytes, range.IsP2P, joins: false, ref sink);
            return;
        }

        ulong offset = range.Phys & (_granule - 1);
        ulong start = AlignUp(_iovaNext, _granule) + offset;
        // It may join an open IOVA segment; Extend joins it only if it lands right after it, which is exactly when the
        // previous range ended on a granule boundary and this one starts on one (__finalise_sg: "s_iova_off == 0", and
        // a segment is closed after an entry that does not fill its last granule).
        bool joins = _lastWasIova;
        _iovaNext = start + range.LengthBytes;
        _lastWasIova = true;
        if (_pageTable != null)
            QueueMap(_iovaBase + start - offset, range.Phys - offset, AlignUp(range.LengthBytes + offset, _granule));
        Extend(_iovaBase + start, range.LengthBytes, bus: false, joins, ref sink);
    }

    public void Finish<TSink>(ref TSink sink) where TSink : struct, IDmaSink
    {
        if (_segOpen)
            Emit(ref sink);
    }

    /// <summary>Writes the queued page table entries: before any segment reaches a consumer, its IOVA is mapped.</summary>
    void FlushMap()
    {
        if (_mapBytes != 0)
            _pageTable!.Map(_mapIova, _mapPhys, _mapBytes);
        _mapBytes = 0;
    }

    void QueueMap(ulong iova, ulong phys, ulong bytes)
    {
        if (_mapBytes != 0 && iova == _mapIova + _mapBytes && phys == _mapPhys + _mapBytes)
        {
            _mapBytes += bytes;
            return;
        }
        FlushMap();
        (_mapIova, _mapPhys, _mapBytes) = (iova, phys, bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Extend<TSink>(ulong address, ulong length, bool bus, bool joins, ref TSink sink) where TSink : struct, IDmaSink
    {
        if (_segOpen && !(joins && address == _segStart + _segLength))
            Emit(ref sink);
        if (!_segOpen)
            Open(address, bus);
        while (true)
        {
            ulong limitEnd = LimitEnd(_segStart, out bool byBoundary);
            ulong current = _segStart + _segLength;
            if (length <= limitEnd - current)
            {
                _segLength += length;
                return;
            }
            ulong cut = byBoundary ? limitEnd : AlignDown(limitEnd, Page.Size);
            if (cut <= _segStart)
                cut = limitEnd;   // max_segment below the alignment: cut exactly
            ulong take = cut > current ? cut - current : 0;
            _segLength += take;
            address += take;
            length -= take;
            Emit(ref sink);
            Open(address, bus);
        }
    }

    void Open(ulong address, bool bus)
    {
        _segStart = address;
        _segLength = 0;
        _segBus = bus;
        _segOpen = true;
    }

    /// <summary>Where a segment starting at <paramref name="start"/> must end at the latest.</summary>
    readonly ulong LimitEnd(ulong start, out bool byBoundary)
    {
        ulong maxEnd = _maxSegment > ulong.MaxValue - start ? ulong.MaxValue : start + _maxSegment;
        ulong window = start | _boundaryMask;
        ulong boundaryEnd = window == ulong.MaxValue ? ulong.MaxValue : window + 1;
        byBoundary = boundaryEnd <= maxEnd && boundaryEnd != ulong.MaxValue;
        return Math.Min(maxEnd, boundaryEnd);
    }

    void Emit<TSink>(ref TSink sink) where TSink : struct, IDmaSink
    {
        FlushMap();
        sink.Add(new DmaSegment(_segStart, _segLength, _segBus));
        Segments++;
        _segOpen = false;
    }

    static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

    static ulong AlignDown(ulong value, ulong alignment) => value & ~(alignment - 1);
}
