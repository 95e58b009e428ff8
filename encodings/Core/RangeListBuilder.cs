namespace BenchSuite.Encodings;

/// <summary>Builds a list from a whole page array the way <c>ib_umem_get</c> feeds it: GUP batches of 512 pages.</summary>
public static class RangeListBuilder
{
    /// <summary>One page of <c>struct page *</c> (drivers/infiniband/core/umem.c).</summary>
    public const int GupBatchPages = Page.Size / 8;

    public static bool TryBuild<TList>(KernelAllocator allocator, in BuildParameters parameters, ReadOnlySpan<PinnedPage> pages,
        out TList list, out Refusal refusal, int batchPages = GupBatchPages)
        where TList : struct, IRangeList<TList>
    {
        if ((ulong)pages.Length != parameters.Pages)
            throw new ArgumentException($"{pages.Length} pages given, but offset {parameters.FirstOffset} and length {parameters.TotalLengthBytes} span {parameters.Pages}");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchPages, 1);

        list = TList.Create(allocator, parameters);
        for (int done = 0; done < pages.Length;)
        {
            int n = Math.Min(batchPages, pages.Length - done);
            if (!list.TryAppend(pages.Slice(done, n), (ulong)(pages.Length - done - n), out refusal))
            {
                list.Dispose();
                list = default;
                return false;
            }
            done += n;
        }
        refusal = Refusal.None;
        return true;
    }

    public static TList Build<TList>(KernelAllocator allocator, in BuildParameters parameters, ReadOnlySpan<PinnedPage> pages,
        int batchPages = GupBatchPages)
        where TList : struct, IRangeList<TList> =>
        TryBuild(allocator, parameters, pages, out TList list, out Refusal refusal, batchPages)
            ? list
            : throw new EncodingRefusedException(refusal);

    /// <summary>Walks ranges until the one holding <paramref name="byteOffset"/>: the O(n) seek of chained lists.</summary>
    public static RangeCursor SeekByWalking<TList>(TList list, ulong byteOffset, out ulong rangeStart)
        where TList : struct, IRangeList<TList>
    {
        RangeCursor cursor = list.StartRanges();
        ulong position = 0;
        while (true)
        {
            RangeCursor before = cursor;
            if (!list.NextRange(ref cursor, out LogicalRange range) || byteOffset < position + range.LengthBytes)
            {
                rangeStart = position;
                return before;
            }
            position += range.LengthBytes;
        }
    }
}
