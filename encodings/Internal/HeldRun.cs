namespace BenchSuite.Encodings.Internal;

/// <summary>Writes the runs a <see cref="HeldRun"/> closes; pass one counts the slots, pass two writes them.</summary>
internal interface IRunWriter
{
    /// <summary>Stores (or, counting, only sizes) one closed run; returns the slots it takes.</summary>
    int Close(ulong pfn, ulong pages, int provider);
}

/// <summary>
/// The proposals' one build policy (phyr16, order8), so their footprints differ by entry format alone: a run of
/// physically contiguous pages of one pgmap is held open across GUP batches and written when a page fails to continue
/// it, when it reaches the cap (the device's max_segment, or the entry's own length limit), or when the last batch
/// ends. Chunks follow the scatterlist's policy (<see cref="ChunkChain{TFormat}"/>, <c>get_next_sg</c>), sized by
/// <c>needed</c> = the slots this batch closes, plus, while batches remain, the open run's and one per page to come
/// (<c>left_pages</c>). The scatterlist itself writes each segment when its batch arrives and sizes for
/// <c>chunks + left_pages</c> (lib/scatterlist.c, <c>sg_alloc_append_table_from_pages</c>): that is the kernel's
/// policy and stays the scatterlist's only; applied to one proposal and not another, two 2 MiB folios cost phyr16 a
/// whole page and order8 two words, a 100x difference of write timing, not of format.
/// </summary>
internal struct HeldRun(ulong maxPages)
{
    /// <summary>
    /// What <c>needed</c> counts for a run still open at the end of a batch: the most any proposal's run takes (order8:
    /// two blocks, or a pair), the same for all, so the policy does not depend on the format.
    /// </summary>
    public const int OpenRunSlots = 2;

    /// <summary>The longest run, in pages (0: the cap rounds down below a page, which builders refuse).</summary>
    public readonly ulong MaxPages = maxPages;

    ulong _pfn, _pages;
    int _provider;

    /// <summary>Extends or closes the open run page by page, as one batch arrives; returns the slots the runs it closed took.</summary>
    public long Walk<TWriter>(ReadOnlySpan<PinnedPage> batch, bool final, ref TWriter writer) where TWriter : struct, IRunWriter
    {
        long slots = 0;
        foreach (PinnedPage page in batch)
        {
            if (_pages != 0 && _pages < MaxPages && page.Pfn == _pfn + _pages && page.Provider == _provider)
            {
                _pages++;
                continue;
            }
            if (_pages != 0)
                slots += writer.Close(_pfn, _pages, _provider);
            (_pfn, _pages, _provider) = (page.Pfn, 1, page.Provider);
        }
        if (final && _pages != 0)
        {
            slots += writer.Close(_pfn, _pages, _provider);
            _pages = 0;
        }
        return slots;
    }

    /// <summary>
    /// Appends one batch through two walks, as <c>sg_alloc_append_table_from_pages</c> counts its chunks before it
    /// takes slots: <paramref name="counter"/> sizes what closes, then <paramref name="writer"/> writes it, told
    /// <c>needed</c> through <see cref="INeedsSlots.Needed"/>.
    /// </summary>
    /// <param name="openRunSlots">the most slots an open run takes (<see cref="OpenRunSlots"/> for formats of 8-byte slots or wider).</param>
    /// <param name="slotsPerPage">the most slots a page to come can add (one, where a slot is an entry).</param>
    public void Append<TCounter, TWriter>(ReadOnlySpan<PinnedPage> batch, ulong leftPages, TCounter counter, ref TWriter writer,
        int openRunSlots = OpenRunSlots, int slotsPerPage = 1)
        where TCounter : struct, IRunWriter
        where TWriter : struct, IRunWriter, INeedsSlots
    {
        bool final = leftPages == 0;
        HeldRun copy = this;
        long closing = copy.Walk(batch, final, ref counter);
        writer.Needed = closing + (final ? 0 : openRunSlots + slotsPerPage * (long)leftPages);
        Walk(batch, final, ref writer);
    }
}

/// <summary>A writer told the slots still to be taken (<c>get_next_sg</c>'s <c>needed_sges</c>), counting down as it takes them.</summary>
internal interface INeedsSlots
{
    long Needed { get; set; }
}
