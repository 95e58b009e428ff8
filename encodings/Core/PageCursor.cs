using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings;

/// <summary>
/// Page-granular walk over any encoding, like <c>for_each_sg_page</c>: every page a range touches, in order.
/// Written once over the range cursor; the JIT specialises it per <typeparamref name="TList"/>.
/// </summary>
public struct PageCursor<TList> where TList : struct, IRangeList<TList>
{
    // Not readonly: a call through the interface constraint on a readonly field of a generic struct copies the list first.
    TList _list;
    RangeCursor _ranges;
    ulong _nextPfn;
    ulong _endPfn;
    int _provider;

    public PageCursor(TList list)
    {
        _list = list;
        _ranges = list.StartRanges();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out ulong pfn, out int provider)
    {
        if (_nextPfn == _endPfn && !NextRange())
        {
            pfn = 0;
            provider = 0;
            return false;
        }
        pfn = _nextPfn++;
        provider = _provider;
        return true;
    }

    // Inlined too: a page array has a range per page, and a call per range would be a call per page for it alone.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    bool NextRange()
    {
        if (!_list.NextRange(ref _ranges, out LogicalRange range))
            return false;
        _nextPfn = range.Phys >> Page.Shift;
        _endPfn = (range.End + Page.OffsetMask) >> Page.Shift;
        _provider = range.Provider;
        return true;
    }
}
