namespace BenchSuite.Encodings.Reference;

/// <summary>
/// The logical ranges an encoding must yield for a page list, written as plainly as possible from the merge rules
/// in DESIGN.md §3 and the kernel sources, not from the encodings' code. Used by tests and benchmark validation.
/// It walks page by page: each page contributes its bytes (the first from the offset, the last cut by the length)
/// and either grows the current range or starts a new one.
/// </summary>
public static class ReferenceModel
{
    /// <summary>The ranges <typeparamref name="TList"/> must yield, or null when it refuses them (a max_segment below 4096, pages of several providers for a one-provider list, more ranges than it holds).</summary>
    public static List<LogicalRange>? Ranges<TList>(IReadOnlyList<PinnedPage> pages, in BuildParameters parameters)
        where TList : struct, IRangeList<TList> =>
        Ranges(TList.Rule(parameters), pages, parameters);

    /// <summary>The ranges of the encoding named <paramref name="encoding"/> (any variant the registry knows).</summary>
    public static List<LogicalRange>? Ranges(string encoding, IReadOnlyList<PinnedPage> pages, in BuildParameters parameters) =>
        Ranges(EncodingRegistry.Find(encoding).Rule(parameters), pages, parameters);

    /// <summary>The ranges a page list makes under <paramref name="rule"/>.</summary>
    public static List<LogicalRange>? Ranges(RangeRule rule, IReadOnlyList<PinnedPage> pages, in BuildParameters parameters)
    {
        ulong maxPagesPerRange = rule.MaxPagesPerRange;
        if (maxPagesPerRange == 0)
            return null;
        if (rule.OneProvider && pages.Any(p => p.Provider != pages[0].Provider))
            return null;

        var ranges = new List<LogicalRange>();
        ulong pagesInRange = 0;
        ulong bytesInBio = 0;
        int vecsInBio = 0;
        ulong remaining = parameters.TotalLengthBytes;

        for (int i = 0; i < pages.Count; i++)
        {
            PinnedPage page = pages[i];
            ulong start = page.Phys + (i == 0 ? parameters.FirstOffset : 0);
            ulong length = Math.Min(Page.Size - (start & Page.OffsetMask), remaining);
            remaining -= length;

            bool contiguous = ranges.Count > 0 && ranges[^1].End == start && ranges[^1].Provider == page.Provider;
            bool grow = contiguous && pagesInRange < maxPagesPerRange;

            if (rule.SplitsIntoBios)
            {
                // bio_add_page: a bio refuses a page that would take its size past UINT_MAX, a new bvec past 256, or a
                // page of another pgmap than its last.
                bool otherPgmap = ranges.Count > 0 && ranges[^1].Provider != page.Provider;
                bool bioFull = bytesInBio + length > rule.BytesPerBio || (!grow && vecsInBio == rule.VecsPerBio) || otherPgmap;
                if (bioFull || ranges.Count == 0)
                {
                    bytesInBio = 0;
                    vecsInBio = 0;
                    grow = false;
                }
                bytesInBio += length;
                if (!grow)
                    vecsInBio++;
            }

            if (grow)
            {
                ranges[^1] = ranges[^1] with { LengthBytes = ranges[^1].LengthBytes + length };
                pagesInRange++;
            }
            else
            {
                ranges.Add(new LogicalRange(start, length, page.Provider));
                pagesInRange = 1;
            }
        }
        return rule.MaxRanges != 0 && ranges.Count > rule.MaxRanges ? null : ranges;
    }

    /// <summary>The pages every encoding's page walk must yield: the pinned pages themselves.</summary>
    public static IEnumerable<(ulong Pfn, int Provider)> Pages(IReadOnlyList<PinnedPage> pages) =>
        pages.Select(p => (p.Pfn, p.Provider));
}
