namespace BenchSuite.Encodings.Order8;

/// <summary>
/// The planning pass both order8 DMA outputs make (<see cref="Order8DmaList{TChain}"/>, <see cref="Order8CountedDmaList{TChain}"/>):
/// their entries are whole aligned pages, so the first offset and the total length go to the header, and a segment
/// boundary inside a page (other than the first start and the last end) cannot be stored, which refuses the mapping.
/// </summary>
internal struct WholePagePlan
{
    public Order8Header Header;
    ulong _end;
    long _segments;
    ulong _unalignedBoundary;
    bool _unrepresentable;

    /// <summary>Takes the segment into the header; false once a boundary inside a page was met (the segment is not stored).</summary>
    public bool Plan(in DmaSegment segment)
    {
        if (_unrepresentable)
            return false;
        bool first = _segments++ == 0;
        if (!first && ((_end | segment.Address) & Page.OffsetMask) != 0)
        {
            _unrepresentable = true;
            _unalignedBoundary = segment.Address;
            return false;
        }
        if (first)
            Header.FirstOffset = (uint)(segment.Address & Page.OffsetMask);
        Header.LengthBytes += segment.Length;
        _end = segment.End;
        return true;
    }

    public readonly bool TryAllocate(string encoding, out Refusal refusal)
    {
        refusal = _unrepresentable
            ? new Refusal(encoding, RefusalReason.DmaNotRepresentable,
                $"DMA segment boundary at 0x{_unalignedBoundary:x} is inside a page; order8 blocks are whole pages")
            : Refusal.None;
        return !_unrepresentable;
    }

    /// <summary>The pages a segment's whole-page entry covers.</summary>
    public static ulong PagesOf(in DmaSegment segment) => Page.PagesSpanned((uint)(segment.Address & Page.OffsetMask), segment.Length);
}
