using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Memory;

/// <summary>
/// A physical memory model: RAM windows and optional P2P BARs, each with a native array of 64-byte
/// <see cref="StructPage"/>s laid out like the vmemmap, populated with the folios a page list uses (head flag, tail
/// <c>compound_head</c> links, order and pincount in the second page, refcount 1). Windows hold only the PFNs in use
/// (plus small gaps), so a list with PFNs both near 0 and past 2^32 costs what its pages cost.
/// GUP pins and unpins against it (<see cref="Gup"/>).
/// </summary>
public sealed unsafe class PhysicalMemory : IDisposable
{
    /// <summary>Folio spans closer than this many pages share one window (at most 256 KiB of unused struct pages).</summary>
    const ulong JoinGapPages = 4096;

    readonly Region[] _regions;     // sorted by FirstPfn, disjoint
    readonly ulong[] _starts;

    sealed class Region(ulong firstPfn, ulong pages)
    {
        public ulong FirstPfn { get; } = firstPfn;
        public ulong Pages { get; } = pages;
        public StructPage* Map { get; } = (StructPage*)NativeMemory.AlignedAlloc((nuint)(pages * (ulong)sizeof(StructPage)), 64);
    }

    /// <summary>One RAM window [<paramref name="ramFirstPfn"/>, +<paramref name="ramPages"/>) and the BARs.</summary>
    public PhysicalMemory(ulong ramFirstPfn, ulong ramPages, IReadOnlyList<BarWindow>? bars = null)
        : this([(ramFirstPfn, ramPages)], bars ?? [])
    {
    }

    PhysicalMemory(IReadOnlyList<(ulong FirstPfn, ulong Pages)> ramWindows, IReadOnlyList<BarWindow> bars)
    {
        var windows = ramWindows
            .Concat(bars.Select(b => (b.FirstPfn, b.Pages)))
            .OrderBy(w => w.FirstPfn).ToList();
        for (int i = 0; i < windows.Count; i++)
        {
            if (windows[i].Pages == 0)
                throw new ArgumentException($"empty memory window at PFN 0x{windows[i].FirstPfn:x}");
            if (i > 0 && windows[i - 1].FirstPfn + windows[i - 1].Pages > windows[i].FirstPfn)
                throw new ArgumentException($"memory windows at PFN 0x{windows[i - 1].FirstPfn:x} and 0x{windows[i].FirstPfn:x} overlap");
        }
        _regions = windows.Select(w => new Region(w.FirstPfn, w.Pages)).ToArray();
        _starts = _regions.Select(r => r.FirstPfn).ToArray();
        foreach (Region r in _regions)
            NativeMemory.Clear(r.Map, (nuint)(r.Pages * (ulong)sizeof(StructPage)));
        Bars = bars;
    }

    /// <summary>
    /// A model of <paramref name="list"/>'s RAM pages and its BARs, populated: the pages pinned, and the head and second
    /// page of every folio they belong to (where the refcount, order and pincount live). The rest of a large folio is
    /// not modelled: nothing reads it, and a trace naming one page of each of a hundred 1 GiB folios would otherwise
    /// take 1.6 GiB of struct pages.
    /// </summary>
    public static PhysicalMemory For(PageList list)
    {
        var spans = new List<(ulong First, ulong End)>();
        foreach (Extent e in list.PinnedExtents())
        {
            if (e.Provider != 0)
                continue;
            spans.Add((e.Pfn, e.EndPfn));
            ulong folioPages = 1UL << e.FolioOrder;
            for (ulong head = e.Pfn & ~(folioPages - 1); head < e.EndPfn; head += folioPages)
                spans.Add((head, head + Math.Min(folioPages, 2)));
        }
        spans.Sort();
        var windows = new List<(ulong FirstPfn, ulong Pages)>();
        foreach ((ulong first, ulong end) in spans)
        {
            if (windows.Count > 0 && windows[^1] is var w && first <= w.FirstPfn + w.Pages + JoinGapPages)
                windows[^1] = (w.FirstPfn, Math.Max(w.Pages, end - w.FirstPfn));
            else
                windows.Add((first, end - first));
        }
        var memory = new PhysicalMemory(windows, list.Bars);
        foreach (Extent e in list.PinnedExtents())
            memory.AddFolios(e);
        return memory;
    }

    public IReadOnlyList<BarWindow> Bars { get; }

    /// <summary>Struct pages the model holds (64 bytes each).</summary>
    public ulong ModelledPages => _regions.Aggregate(0UL, (sum, r) => sum + r.Pages);

    /// <summary>
    /// Makes every folio the extent touches a folio of its order, and the extent's pages its tails (idempotent; the
    /// tails of a folio outside the extents are not modelled, see <see cref="For"/>).
    /// </summary>
    public void AddFolios(Extent e)
    {
        ulong folioPages = 1UL << e.FolioOrder;
        for (ulong head = e.Pfn & ~(folioPages - 1); head < e.EndPfn; head += folioPages)
        {
            ref StructPage page = ref PageOf(head);
            if (page.RefCount == 0)
            {
                page.RefCount = 1;      // one reference from the page table mapping it
                page.MapCount = 0;      // mapped once (_mapcount is -1 based)
                if (e.FolioOrder > 0)
                {
                    page.Flags |= 1UL << StructPage.PgHead;
                    ref FolioSecondPage second = ref SecondPageOf(head);
                    second.Flags1 = (second.Flags1 & ~FolioSecondPage.OrderMask) | (uint)e.FolioOrder;
                    second.FolioNrPages = (uint)folioPages;
                }
            }
            if (e.FolioOrder == 0)
                continue;
            ulong headPointer = Encodings.Page.PointerOf(head);
            for (ulong tail = Math.Max(head + 1, e.Pfn); tail < Math.Min(head + folioPages, e.EndPfn); tail++)
                PageOf(tail).CompoundHead = headPointer | StructPage.TailMark;
        }
    }

    /// <summary>The modelled <c>struct page</c> of <paramref name="pfn"/> (<c>pfn_to_page</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref StructPage PageOf(ulong pfn)
    {
        int i = _starts.AsSpan().BinarySearch(pfn);
        Region r = _regions[i >= 0 ? i : Math.Max(~i - 1, 0)];
        ulong index = pfn - r.FirstPfn;
        if (index >= r.Pages)
            throw new ArgumentOutOfRangeException(nameof(pfn), $"PFN 0x{pfn:x} is outside the modelled memory");
        return ref r.Map[index];
    }

    ref FolioSecondPage SecondPageOf(ulong headPfn) => ref Unsafe.As<StructPage, FolioSecondPage>(ref PageOf(headPfn + 1));

    /// <summary><c>page_folio</c>: the head PFN of the folio holding <paramref name="pfn"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong FolioOf(ulong pfn)
    {
        ulong head = PageOf(pfn).CompoundHead;
        return (head & StructPage.TailMark) != 0 ? Encodings.Page.PfnOf(head - StructPage.TailMark) : pfn;
    }

    /// <summary><c>folio_order</c> of the folio whose head is <paramref name="headPfn"/>.</summary>
    public int FolioOrder(ulong headPfn) => PageOf(headPfn).IsHead ? SecondPageOf(headPfn).Order : 0;

    public int RefCount(ulong headPfn) => PageOf(headPfn).RefCount;

    /// <summary><c>folio->_pincount</c> for large folios; small folios keep pins in the refcount (always 0 here).</summary>
    public int PinCount(ulong headPfn) => PageOf(headPfn).IsHead ? SecondPageOf(headPfn).PinCount : 0;

    internal ref int PinCountRef(ulong headPfn) => ref SecondPageOf(headPfn).PinCount;

    /// <summary>Every folio head's (refcount, pincount), for tests that check pins come undone.</summary>
    public Dictionary<ulong, (int RefCount, int PinCount)> Counts()
    {
        var counts = new Dictionary<ulong, (int, int)>();
        foreach (Region r in _regions)
        {
            for (ulong i = 0; i < r.Pages; i++)
            {
                ulong pfn = r.FirstPfn + i;
                if (r.Map[i].RefCount != 0 && !r.Map[i].IsTail)
                    counts[pfn] = (r.Map[i].RefCount, PinCount(pfn));
            }
        }
        return counts;
    }

    /// <summary>
    /// Every head page's refcount and pincount folded into one number, in PFN order: equal digests mean equal counts
    /// (up to a 64-bit collision), at a fraction of the cost of <see cref="Counts"/> on a 1 GiB model.
    /// </summary>
    public ulong CountsDigest()
    {
        ulong digest = 14695981039346656037;
        foreach (Region r in _regions)
        {
            for (ulong i = 0; i < r.Pages; i++)
            {
                if (r.Map[i].RefCount == 0 || r.Map[i].IsTail)
                    continue;
                ulong pfn = r.FirstPfn + i;
                digest = (digest ^ pfn) * 1099511628211;
                digest = (digest ^ (uint)r.Map[i].RefCount) * 1099511628211;
                digest = (digest ^ (uint)PinCount(pfn)) * 1099511628211;
            }
        }
        return digest;
    }

    bool _disposed;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (Region r in _regions)
            NativeMemory.AlignedFree(r.Map);
    }
}
