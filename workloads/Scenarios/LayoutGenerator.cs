using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Scenarios;

/// <summary>
/// Streams the extents of a <see cref="LayoutModel"/>: an endless, seed-determined sequence of naturally aligned
/// folios placed upward through a RAM window from a base PFN, so a terabyte is described without being stored and
/// no two folios ever share a PFN. Upward placement only decides which PFNs are used; every encoding and mapper
/// cares only whether a page continues the previous one (pfn + 1), which the run lengths control.
/// <para>
/// Written as a plain enumerator rather than <c>yield return</c>: at a terabyte of 4 KiB runs the generator is the
/// density command's hot loop, and the hand-written state is about twice as fast.
/// </para>
/// </summary>
public sealed class LayoutGenerator : IEnumerable<Extent>
{
    /// <summary>Gaps between runs are 1..8 folio-sized blocks, so PFNs stay within a few times the buffer's size.</summary>
    const int MaxGapBlocks = 8;

    readonly LayoutModel _model;
    readonly ulong _seed, _basePfn;
    readonly BarWindow? _bar;

    public LayoutGenerator(LayoutModel model, ulong seed, ulong basePfn, BarWindow? bar)
    {
        if (model.HasP2P && bar is null)
            throw new ArgumentException("a layout with P2P segments needs a BAR window", nameof(bar));
        (_model, _seed, _basePfn, _bar) = (model, seed, basePfn, bar);
    }

    public IEnumerator<Extent> GetEnumerator() => new Enumerator(this);

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    sealed class Enumerator : IEnumerator<Extent>
    {
        readonly WeightedChoice _orders, _runs;
        readonly ulong _ramSegmentPages, _p2pSegmentPages;
        readonly int _provider;
        SplitMix64 _random;
        ulong _cursor, _barCursor, _ramLeft;
        int _foliosLeftInRun;
        int _heldOrder = -1;        // a folio already drawn that did not fit the previous extent
        bool _p2pDue;
        Extent _current;

        public Enumerator(LayoutGenerator g)
        {
            _orders = new WeightedChoice(g._model.FolioOrders.Select(o => (o.Order, o.Weight)));
            _runs = new WeightedChoice(g._model.RunFolios.Select(r => (r.Folios, r.Weight)));
            _ramSegmentPages = g._model.HasP2P ? g._model.RamSegmentBytes / Page.Size : ulong.MaxValue;
            _p2pSegmentPages = g._model.P2PSegmentBytes / Page.Size;
            _provider = g._bar?.Provider ?? 0;
            _random = new SplitMix64(g._seed);
            _cursor = g._basePfn;
            _barCursor = g._bar?.FirstPfn ?? 0;
            _ramLeft = _ramSegmentPages;
        }

        public Extent Current => _current;
        object System.Collections.IEnumerator.Current => _current;

        /// <summary>
        /// The next extent: the rest of the current run's folios while they keep one order (a single-order model
        /// takes a whole run at once), or a BAR segment when a RAM segment is complete.
        /// </summary>
        public bool MoveNext()
        {
            if (_p2pDue)
            {
                _current = new Extent(_barCursor, _p2pSegmentPages, 0, _provider);
                _barCursor += _p2pSegmentPages;
                _p2pDue = false;
                return true;
            }

            bool runStarts = _foliosLeftInRun == 0;
            if (runStarts)
                _foliosLeftInRun = _runs.Pick(ref _random);
            int order = _heldOrder >= 0 ? _heldOrder : _orders.Pick(ref _random);
            _heldOrder = -1;
            ulong folioPages = 1UL << order;
            if (runStarts)
                _cursor += (1 + _random.Below(MaxGapBlocks)) * folioPages;
            _cursor = (_cursor + folioPages - 1) & ~(folioPages - 1);   // folios are naturally aligned

            ulong start = _cursor;
            int folios = 1;
            if (_orders.IsSingle)
            {
                folios = _foliosLeftInRun;
            }
            else
            {
                while (folios < _foliosLeftInRun)
                {
                    int next = _orders.Pick(ref _random);
                    if (next != order)
                    {
                        _heldOrder = next;
                        break;
                    }
                    folios++;
                }
            }
            _foliosLeftInRun -= folios;
            ulong pages = (ulong)folios << order;
            _cursor += pages;
            _current = new Extent(start, pages, order);

            _ramLeft -= Math.Min(_ramLeft, pages);
            if (_ramLeft == 0)
            {
                _p2pDue = true;                // a BAR segment follows; the next RAM run starts afresh
                _ramLeft = _ramSegmentPages;
                _foliosLeftInRun = 0;
                _heldOrder = -1;
            }
            return true;
        }

        public void Reset() => throw new NotSupportedException();
        public void Dispose() { }
    }

    /// <summary>Picks values in proportion to integer weights.</summary>
    readonly struct WeightedChoice
    {
        readonly int[] _values;
        readonly ulong[] _cumulative;

        public WeightedChoice(IEnumerable<(int Value, int Weight)> table)
        {
            (int Value, int Weight)[] t = table.ToArray();
            if (t.Length == 0 || t.Any(e => e.Weight <= 0))
                throw new ArgumentException("a weight table needs at least one entry and positive weights");
            _values = t.Select(e => e.Value).ToArray();
            _cumulative = new ulong[t.Length];
            ulong sum = 0;
            for (int i = 0; i < t.Length; i++)
                _cumulative[i] = sum += (ulong)t[i].Weight;
        }

        public bool IsSingle => _values.Length == 1;

        public int Pick(ref SplitMix64 random)
        {
            if (IsSingle)
                return _values[0];
            ulong x = random.Below(_cumulative[^1]);
            int i = 0;
            while (x >= _cumulative[i])
                i++;
            return _values[i];
        }
    }
}
