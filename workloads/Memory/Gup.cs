using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Memory;

/// <summary>
/// FOLL_PIN accounting against the page model (mm/gup.c). A pin of n pages of one folio is one update:
/// a large folio adds n to its refcount and n to <c>_pincount</c>; a small folio adds n × <see cref="PinCountingBias"/>
/// to its refcount (<c>try_grab_folio</c>, <c>gup_put_folio</c>, <c>folio_has_pincount</c> on 64-bit).
/// Unpin walks an encoding: per range, one release per folio (<c>unpin_user_page_range_dirty_lock</c>) for encodings
/// that merge pages into ranges; per page, grouping consecutive pages of one folio (<c>unpin_user_pages</c>) for the
/// page array.
/// </summary>
public static class Gup
{
    /// <summary><c>GUP_PIN_COUNTING_BIAS</c> (include/linux/mm.h).</summary>
    public const int PinCountingBias = 1 << 10;

    /// <summary><c>pin_user_pages_fast</c>'s accounting for the pages it returned: one grab per run of one folio.</summary>
    public static void Pin(PhysicalMemory memory, ReadOnlySpan<PinnedPage> pages)
    {
        int i = 0;
        while (i < pages.Length)
        {
            ulong folio = memory.FolioOf(pages[i].Pfn);
            int run = 1;
            while (i + run < pages.Length && pages[i + run].Pfn == pages[i].Pfn + (ulong)run && memory.FolioOf(pages[i + run].Pfn) == folio)
                run++;
            Grab(memory, folio, run);
            i += run;
        }
    }

    /// <summary>
    /// Unpins every page <paramref name="list"/> holds, walking it as the kernel walks that kind of list. Returns the
    /// folio releases made (one refcount update each).
    /// </summary>
    public static long Unpin<TList>(PhysicalMemory memory, TList list) where TList : struct, IRangeList<TList> =>
        (TList.Traits & RangeListTraits.MergesContiguous) != 0 ? UnpinByRange(memory, list) : UnpinByPage(memory, list);

    /// <summary><c>unpin_user_page_range_dirty_lock</c> per range: steps of min(left, pages to the folio's end).</summary>
    static long UnpinByRange<TList>(PhysicalMemory memory, TList list) where TList : struct, IRangeList<TList>
    {
        long releases = 0;
        RangeCursor cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
        {
            ulong pfn = range.Phys >> Page.Shift;
            ulong left = Page.PagesSpanned((uint)(range.Phys & Page.OffsetMask), range.LengthBytes);
            while (left > 0)
            {
                ulong folio = memory.FolioOf(pfn);
                ulong folioEnd = folio + (1UL << memory.FolioOrder(folio));
                ulong n = Math.Min(left, folioEnd - pfn);
                Put(memory, folio, (int)n);
                releases++;
                pfn += n;
                left -= n;
            }
        }
        return releases;
    }

    /// <summary><c>unpin_user_pages</c>: consecutive entries of one folio are released together (<c>gup_folio_next</c>).</summary>
    static long UnpinByPage<TList>(PhysicalMemory memory, TList list) where TList : struct, IRangeList<TList>
    {
        long releases = 0;
        var pages = new PageCursor<TList>(list);
        ulong folio = ulong.MaxValue;
        int run = 0;
        while (pages.Next(out ulong pfn, out _))
        {
            ulong f = memory.FolioOf(pfn);
            if (f != folio && run > 0)
            {
                Put(memory, folio, run);
                releases++;
                run = 0;
            }
            folio = f;
            run++;
        }
        if (run > 0)
        {
            Put(memory, folio, run);
            releases++;
        }
        return releases;
    }

    static void Grab(PhysicalMemory memory, ulong folio, int pages)
    {
        ref var head = ref memory.PageOf(folio);
        if (head.IsHead)
        {
            head.RefCount += pages;
            memory.PinCountRef(folio) += pages;
        }
        else
        {
            head.RefCount += pages * PinCountingBias;
        }
    }

    static void Put(PhysicalMemory memory, ulong folio, int pages)
    {
        ref var head = ref memory.PageOf(folio);
        if (head.IsHead)
        {
            head.RefCount -= pages;
            memory.PinCountRef(folio) -= pages;
        }
        else
        {
            head.RefCount -= pages * PinCountingBias;
        }
    }
}
