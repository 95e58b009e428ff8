using System.Runtime.CompilerServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// One pass of a mapping over an encoding's ranges, shared by every encoding and mapper: it gives each range its
/// device address and groups the ranges into the segments the device gets. Two ways, as the kernel has two:
/// <para>
/// Whole entries (<c>dma_map_sg</c>, every stored DMA output). An entry is never split: the list was built within the
/// device's max_segment (<c>ib_umem_get</c> passes <c>dma_get_max_seg_size</c> to the builder), and an entry longer
/// than the device accepts is refused, where the kernel would hand the device an oversized segment.
/// <list type="bullet">
/// <item>IOVA (drivers/iommu/dma-iommu.c). <c>iommu_dma_map_sg</c> lays the entries out in one allocation, each in
///   whole granules keeping its offset in the first one; an entry that would cross the segment boundary is moved to
///   start on it by padding the previous entry (<c>pad_len</c>: a bigger IOVA, mapped with the previous entry's
///   following pages, as <c>iommu_map_sg</c> maps the padded length). <c>__finalise_sg</c> then packs in order: an entry
///   joins the open segment when one is open, it starts on a granule, its IOVA is not on a segment boundary, it fits
///   within max_segment whole, and the previous entry filled its last granule.</item>
/// <item>Direct and bus addresses (<c>dma_direct_map_sg</c>, and <c>PCI_P2PDMA_MAP_BUS_ADDR</c> in both): one segment
///   per entry; the segment boundary is not checked there, as the kernel does not check it.</item>
/// </list>
/// </para>
/// <para>
/// Each entry alone (rlist_dma, <c>rsiova_init</c>): laid out as above, padding included, but never joined nor cut,
/// nor refused; the output applies the limits as it is iterated.
/// </para>
/// <para>
/// Cut at the device's limits (the block layer, for bio_vec, which keeps no DMA output): ranges are cut at the last
/// page-aligned address within max_segment and exactly at the boundary; IOVA ranges join while contiguous.
/// </para>
/// Offsets inside the IOVA allocation stand for addresses: allocations are naturally aligned to the power of two
/// at or above their size (<see cref="IovaAllocator"/>), which is what <c>iommu_dma_map_sg</c> relies on too. With a
/// page table, every IOVA range is written as it is placed; physically contiguous neighbours are written by one call,
/// as <c>iommu_map_sg</c> coalesces them.
/// </summary>
internal struct SegmentWalk
{
    readonly MapperKind _kind;
    readonly DeviceSegmentation _limits;
    readonly ulong _granule;
    readonly long[] _busOffsets;
    readonly IoPageTable? _pageTable;
    readonly ulong _iovaBase;
    readonly DmaSegmenting _mode;

    /// <summary>IOVA bytes laid out so far (<c>iova_len</c>), granule aligned in whole-entry mode.</summary>
    ulong _iovaNext;
    bool _lastWasIova;
    /// <summary>The previous IOVA entry filled its last granule, so the next may join its segment.</summary>
    bool _filledLastGranule;
    /// <summary>
    /// Whole entries: the physical address after the previous IOVA entry's granules, where its padding is mapped from.
    /// Cut at limits: the previous range's physical end, to see a range that continues it.
    /// </summary>
    ulong _previousPhysEnd;

    ulong _mapIova, _mapPhys, _mapBytes;

    ulong _segStart, _segLength;
    bool _segBus, _segOpen;

    public long Segments;

    /// <summary>
    /// The length of the first entry longer than the device accepts (whole-entry mode): longer than max_segment, or
    /// for IOVA, crossing the segment boundary even where padding puts it. 0 when every entry fits.
    /// </summary>
    public ulong TooLong;

    public SegmentWalk(MapperKind kind, ulong maxSegment, ulong boundaryMask, ulong granule, long[] busOffsets,
        IoPageTable? pageTable, ulong iovaBase, DmaSegmenting mode)
    {
        _mode = mode;
        _kind = kind;
        _limits = new DeviceSegmentation(maxSegment, boundaryMask);
        _granule = granule;
        _busOffsets = busOffsets;
        _pageTable = pageTable;
        _iovaBase = iovaBase;
    }

    /// <summary>IOVA bytes the ranges seen so far need (whole granules, padding included).</summary>
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

    /// <summary>One range alone (a window, or a range mapped by itself): its segments; returns how many.</summary>
    public long RunOne<TSink>(in LogicalRange range, ref TSink sink) where TSink : struct, IDmaSink
    {
        Add(range, ref sink);
        Finish(ref sink);
        return Segments;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add<TSink>(in LogicalRange range, ref TSink sink) where TSink : struct, IDmaSink
    {
        // Inputs stop below 2^52 (PageTraceFormat.PhysicalAddressBits); a range that wraps would make the segment
        // cuts below loop forever on zero-length segments, so it is a bug to stop at, not to walk.
        if (range.Phys + range.LengthBytes < range.Phys)
            throw new InvalidOperationException($"range at 0x{range.Phys:x} of {range.LengthBytes} bytes wraps the 64-bit address space");
        if (_mode == DmaSegmenting.WholeEntries && range.LengthBytes > _limits.MaxSegment && TooLong == 0)
            TooLong = range.LengthBytes;
        if (_kind == MapperKind.Direct || ((_kind is MapperKind.P2P or MapperKind.IovaLink) && range.IsP2P))
        {
            ulong address = range.IsP2P ? (ulong)((long)range.Phys + _busOffsets[range.Provider]) : range.Phys;
            _lastWasIova = false;
            _filledLastGranule = false;   // __finalise_sg: a bus-address entry ends the open segment
            // The block layer merges physically contiguous bvecs (biovec_phys_mergeable); Extend joins only those.
            if (_mode == DmaSegmenting.CutAtLimits)
                Extend(address, range.LengthBytes, range.IsP2P, joins: true, ref sink);
            else
                Whole(address, range.LengthBytes, range.IsP2P, joins: false, ref sink);
            return;
        }
        if (_mode == DmaSegmenting.CutAtLimits)
            AddIovaCut(range, ref sink);
        else
            AddIovaEntry(range, ref sink);
    }

    /// <summary><c>iommu_dma_map_sg</c>'s layout and <c>__finalise_sg</c>'s packing of one entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void AddIovaEntry<TSink>(in LogicalRange range, ref TSink sink) where TSink : struct, IDmaSink
    {
        ulong offset = range.Phys & (_granule - 1);
        ulong slot = AlignUp(range.LengthBytes + offset, _granule);
        ulong pad = (_limits.BoundaryMask - _iovaNext + 1) & _limits.BoundaryMask;
        if (pad != 0 && pad < slot - 1)
        {
            if (_pageTable != null)
                QueueMap(_iovaBase + _iovaNext, _previousPhysEnd, pad);
            _iovaNext += pad;
        }
        ulong at = _iovaNext;
        // Padding moves an entry to the boundary, which is all it can do: one whose bytes still cross it is wider than
        // the window from where its granule puts it (a max_segment above the boundary, a granule as large as it).
        if (_mode == DmaSegmenting.WholeEntries && (((at + offset) ^ (at + offset + range.LengthBytes - 1)) & ~_limits.BoundaryMask) != 0 && TooLong == 0)
            TooLong = range.LengthBytes;
        // Each entry alone (rlist_dma) never joins: its output applies the limits as it is iterated.
        bool joins = _mode == DmaSegmenting.WholeEntries && _filledLastGranule && offset == 0 && (at & _limits.BoundaryMask) != 0
                     && _segOpen && _limits.MaxSegment - _segLength >= range.LengthBytes;
        if (_pageTable != null)
            QueueMap(_iovaBase + at, range.Phys - offset, slot);
        _iovaNext = at + slot;
        _previousPhysEnd = range.Phys - offset + slot;
        _filledLastGranule = range.LengthBytes + offset == slot;
        Whole(_iovaBase + at + offset, range.LengthBytes, bus: false, joins, ref sink);
    }

    /// <summary>
    /// The block layer's IOVA placement: ranges follow each other in the window and join while contiguous. A range
    /// that continues the previous one physically is linked right after it (<c>blk_map_iter_next</c> merges such
    /// bvecs before <c>dma_iova_link</c>), so the granule they share is mapped once.
    /// </summary>
    void AddIovaCut<TSink>(in LogicalRange range, ref TSink sink) where TSink : struct, IDmaSink
    {
        ulong offset = range.Phys & (_granule - 1);
        bool continues = _lastWasIova && range.Phys == _previousPhysEnd;
        ulong start = continues ? _iovaNext : AlignUp(_iovaNext, _granule) + offset;
        // It joins the open segment only if it lands right after it: it continues the previous range, or the previous
        // range ended on a granule boundary and this one starts on one.
        bool joins = _lastWasIova;
        _iovaNext = start + range.LengthBytes;
        _previousPhysEnd = range.End;
        _lastWasIova = true;
        if (_pageTable != null)
        {
            // Granules from the first one this range does not share with the previous, to the end of its last.
            ulong from = continues ? AlignUp(start, _granule) : start - offset;
            ulong to = AlignUp(_iovaNext, _granule);
            if (to > from)
                QueueMap(_iovaBase + from, range.Phys + (from - start), to - from);
        }
        Extend(_iovaBase + start, range.LengthBytes, bus: false, joins, ref sink);
    }

    /// <summary>An entry whole: into the open segment, or as a new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void Whole<TSink>(ulong address, ulong length, bool bus, bool joins, ref TSink sink) where TSink : struct, IDmaSink
    {
        if (_segOpen && !joins)
            Emit(ref sink);
        if (!_segOpen)
            Open(address, bus);
        _segLength += length;
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
            // What of the open segment and this range one segment takes, from the segment's start.
            ulong fits = _limits.FirstPiece(_segStart, _segLength + length);
            ulong take = fits > _segLength ? fits - _segLength : 0;
            _segLength += take;
            if (take == length)
                return;
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

    void Emit<TSink>(ref TSink sink) where TSink : struct, IDmaSink
    {
        FlushMap();
        sink.Add(new DmaSegment(_segStart, _segLength, _segBus));
        Segments++;
        _segOpen = false;
    }

    static ulong AlignUp(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);

}
