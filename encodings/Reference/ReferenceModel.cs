namespace BenchSuite.Encodings.Reference;

/// <summary>
/// The logical ranges an encoding must yield for a page list, written as plainly as possible from the merge rules
/// in DESIGN.md §3 and the kernel sources, not from the encodings' code. Used by tests and benchmark validation.
/// It walks page by page: each page contributes its bytes (the first from the offset, the last cut by the length)
/// and either grows the current range or starts a new one.
/// </summary>
public static class ReferenceModel
{
    /// <summary>The ranges, or null when the encoding refuses these parameters (a max_segment below 4096).</summary>
    public static List<LogicalRange>? Ranges(string encoding, IReadOnlyList<PinnedPage> pages, in BuildParameters parameters)
    {
        ulong maxPagesPerRange = encoding switch
        {
            // Every list is built within the device's max_segment, rounded down to pages (sg_alloc_append_table_from_pages),
            // and within its own length field.
            "scatterlist" => Math.Min(parameters.MaxSegment, uint.MaxValue) / Page.Size,   // u32 length; UINT_MAX
            "phyr16" => Math.Min(parameters.MaxSegment, uint.MaxValue) / Page.Size,        // u32 len
            "order8" => parameters.MaxSegment / Page.Size,
            "pagearray" => 1,
            "rlist" or "biovec" => ulong.MaxValue,     // limits applied as they are mapped (rlist_dma, the block layer)
            _ => throw new ArgumentException($"no reference rule for encoding '{encoding}'"),
        };
        if (maxPagesPerRange == 0)
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

            if (encoding == "biovec")
            {
                // bio_add_page: a bio refuses a page that would take its size past UINT_MAX, a new bvec past 256, or a
                // page of another pgmap than its last.
                bool otherPgmap = ranges.Count > 0 && ranges[^1].Provider != page.Provider;
                bool bioFull = bytesInBio + length > uint.MaxValue || (!grow && vecsInBio == 256) || otherPgmap;
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
        return ranges;
    }

    /// <summary>The pages every encoding's page walk must yield: the pinned pages themselves.</summary>
    public static IEnumerable<(ulong Pfn, int Provider)> Pages(IReadOnlyList<PinnedPage> pages) =>
        pages.Select(p => (p.Pfn, p.Provider));
}
