using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// A consumer that checks a mapping byte by byte: segments must cover the buffer's bytes in order, exactly once,
/// each DMA address translating (through the mapper's page table, bus offset, or identity) to the right physical
/// byte, bus addresses flagged exactly for BAR pages the mapper gives bus addresses, every segment within the
/// device's max_segment, and every IOVA segment within its boundary.
/// </summary>
public sealed class DmaCheck
{
    readonly (ulong Phys, ulong Length, int Provider)[] _pieces;
    readonly DmaMapper _mapper;
    readonly ulong _maxSegment;
    int _index;
    ulong _offset;

    public DmaCheck(IReadOnlyList<PinnedPage> pages, in BuildParameters parameters, DmaMapper mapper, ulong maxSegment)
    {
        _mapper = mapper;
        _maxSegment = Math.Min(mapper.Limits.MaxSegment, maxSegment);
        ulong remaining = parameters.TotalLengthBytes;
        _pieces = new (ulong, ulong, int)[pages.Count];
        for (int i = 0; i < pages.Count; i++)
        {
            ulong start = pages[i].Phys + (i == 0 ? parameters.FirstOffset : 0);
            ulong length = Math.Min(Page.Size - (start & Page.OffsetMask), remaining);
            remaining -= length;
            _pieces[i] = (start, length, pages[i].Provider);
        }
    }

    public long Segments { get; private set; }

    public string? Error { get; private set; }

    public bool Complete => Error is null && _index == _pieces.Length;

    public Sink AsSink() => new(this);

    public readonly struct Sink(DmaCheck check) : IDmaSink
    {
        public void Add(in DmaSegment segment) => check.Check(segment);
    }

    void Check(in DmaSegment segment)
    {
        Segments++;
        if (Error is not null)
            return;
        if (segment.Length == 0 || segment.Length > _maxSegment)
        {
            Error = $"segment {segment} is empty or longer than max_segment {_maxSegment}";
            return;
        }
        // IOVA segments never cross the boundary (iommu_dma_map_sg pads); dma_direct_map_sg does not look at it.
        ulong mask = _mapper.Limits.BoundaryMask;
        bool iova = _mapper.Kind != MapperKind.Direct && !segment.BusAddress;
        if (iova && ((segment.Address ^ (segment.End - 1)) & ~mask) != 0)
        {
            Error = $"segment {segment} crosses a 0x{mask + 1:x} boundary";
            return;
        }
        ulong address = segment.Address, left = segment.Length;
        while (left != 0)
        {
            if (_index == _pieces.Length)
            {
                Error = $"segment {segment} goes past the end of the buffer";
                return;
            }
            (ulong phys, ulong length, int provider) = _pieces[_index];
            ulong step = Math.Min(Math.Min(left, length - _offset), Page.Size - (address & Page.OffsetMask));
            bool busExpected = provider != 0 && _mapper.Kind != MapperKind.Iommu;   // p2p, iova-link and direct give bus addresses
            if (segment.BusAddress != busExpected)
            {
                Error = $"segment {segment}: bus flag {segment.BusAddress} for a page of provider {provider}";
                return;
            }
            ulong expected = phys + _offset;
            ulong actual = Translate(address, segment.BusAddress, provider);
            if (actual != expected)
            {
                Error = $"segment {segment}: DMA 0x{address:x} reaches 0x{actual:x}, expected 0x{expected:x}";
                return;
            }
            address += step;
            left -= step;
            _offset += step;
            if (_offset == length)
            {
                _index++;
                _offset = 0;
            }
        }
    }

    ulong Translate(ulong address, bool bus, int provider)
    {
        if (bus)
            return address - (_mapper.BusAddressOf(0, provider));
        if (_mapper.Kind == MapperKind.Direct)
            return address;
        return _mapper.PageTable!.TryTranslate(address, out ulong phys) ? phys : ulong.MaxValue;
    }
}
