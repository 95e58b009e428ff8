using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Traces;

/// <summary>
/// The RAM folios of order above 0 a trace names, to refuse pages of one folio given two orders wherever in the trace
/// they appear: folios are naturally aligned blocks, so a page lies in exactly one, whose order all its lines share.
/// Memory follows the runs of large folios (a run of lines of one order on contiguous folios is one span), not the
/// trace's length; order-0 lines are checked against the spans in a second pass.
/// </summary>
sealed class FolioSpans
{
    readonly record struct Span(ulong Start, ulong End, int Order, int Line);

    readonly List<Span> _spans = [];
    bool _checked;

    public bool IsEmpty => _spans.Count == 0;

    /// <summary>Records the folios of a RAM line of order above 0 (lines of order 0 go to <see cref="Check"/>).</summary>
    public void Add(Extent e, int line)
    {
        ulong mask = (1UL << e.FolioOrder) - 1;
        ulong start = e.Pfn & ~mask, end = (e.EndPfn + mask) & ~mask;
        if (_spans.Count > 0 && _spans[^1] is var last && last.Order == e.FolioOrder && start >= last.Start && start <= last.End)
            _spans[^1] = last with { End = Math.Max(last.End, end) };
        else
            _spans.Add(new Span(start, end, e.FolioOrder, line));
    }

    /// <summary>
    /// After every line is added: sorts the spans and finds two of different orders that overlap, naming the later
    /// line (a sweep keeping the span reaching furthest finds one whenever any exists: if the span it keeps has the
    /// order of the one it meets, that span and the earlier one overlapping it already conflicted).
    /// Overlapping spans of one order are then merged, so <see cref="Check"/> can search them.
    /// </summary>
    public void Seal(string path)
    {
        _spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Line.CompareTo(b.Line));
        var merged = new List<Span>(_spans.Count);
        foreach (Span s in _spans)
        {
            if (merged.Count > 0 && merged[^1] is var reach && s.Start < reach.End)
            {
                if (s.Order != reach.Order)
                    throw Conflict(path, s.Line, s.Order, reach.Line, reach.Order);
                merged[^1] = reach with { End = Math.Max(reach.End, s.End) };
            }
            else
                merged.Add(s);
        }
        _spans.Clear();
        _spans.AddRange(merged);
        _checked = true;
    }

    /// <summary>Refuses an order-0 RAM line whose pages lie in a folio another line gives a larger order.</summary>
    public void Check(string path, Extent e, int line)
    {
        if (!_checked)
            throw new InvalidOperationException("Seal the spans before checking lines against them");
        int lo = 0, hi = _spans.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_spans[mid].Start < e.EndPfn)
                (found, lo) = (mid, mid + 1);
            else
                hi = mid - 1;
        }
        if (found >= 0 && _spans[found] is var s && s.End > e.Pfn)
            throw Conflict(path, line, e.FolioOrder, s.Line, s.Order);
    }

    static TraceFormatException Conflict(string path, int line, int order, int otherLine, int otherOrder)
    {
        (int later, int laterOrder, int earlier, int earlierOrder) = line > otherLine
            ? (line, order, otherLine, otherOrder) : (otherLine, otherOrder, line, order);
        return new TraceFormatException(path, later,
            $"pages of order {laterOrder} lie in a folio that line {earlier} gives order {earlierOrder}; the pages of one folio share its order");
    }
}
