using BenchSuite.Encodings;

namespace BenchSuite.Workloads.PageLists;

/// <summary>
/// Expands a page list's extents into GUP batches, the way <c>ib_umem_get</c> calls <c>pin_user_pages_fast</c>
/// for one page of <c>struct page *</c> at a time, and says how many pages are still to come (<c>left_pages</c>).
/// One batch buffer is reused, so streaming a terabyte allocates nothing per batch.
/// </summary>
public sealed class PageBatcher : IDisposable
{
    readonly PageList _list;
    readonly IEnumerator<Extent> _extents;
    readonly PinnedPage[] _batch;
    Extent _current;
    ulong _usedOfCurrent;
    ulong _leftPages;

    internal PageBatcher(PageList list, int batchPages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPages, 1);
        _list = list;
        _extents = list.Extents().GetEnumerator();
        _batch = new PinnedPage[batchPages];
        _leftPages = list.Pages;
    }

    /// <summary>Pages not yet handed out.</summary>
    public ulong LeftPages => _leftPages;

    /// <summary>The next batch and how many pages remain after it; false once every page has been handed out.</summary>
    public bool Next(out ReadOnlySpan<PinnedPage> batch, out ulong leftPages)
    {
        int n = (int)Math.Min((ulong)_batch.Length, _leftPages);
        Span<PinnedPage> buffer = _batch.AsSpan(0, n);
        int filled = 0;
        while (filled < n)
        {
            if (_usedOfCurrent == _current.Pages)
            {
                if (!_extents.MoveNext())
                    throw new InvalidOperationException($"{_list.Name}: the extent stream ended {_leftPages - (ulong)filled} pages short of {_list.Pages}");
                _current = _extents.Current;
                _usedOfCurrent = 0;
                continue;
            }
            int take = (int)Math.Min((ulong)(n - filled), _current.Pages - _usedOfCurrent);
            PinnedPage page = _current.FirstPage.Plus(_usedOfCurrent);
            Span<PinnedPage> run = buffer.Slice(filled, take);
            for (int i = 0; i < run.Length; i++)
                run[i] = page.Plus((ulong)i);
            filled += take;
            _usedOfCurrent += (ulong)take;
        }
        _leftPages -= (ulong)n;
        batch = buffer;
        leftPages = _leftPages;
        return n > 0;
    }

    public void Dispose() => _extents.Dispose();
}
