using BenchSuite.Encodings;

namespace BenchSuite.Tests.Encodings;

/// <summary>A random GUP page list and its build parameters, reproducible from its seed.</summary>
public sealed record PageListCase(int Seed, PinnedPage[] Pages, BuildParameters Parameters)
{
    public override string ToString() =>
        $"seed {Seed}: {Pages.Length} pages, offset {Parameters.FirstOffset}, length {Parameters.TotalLengthBytes}, max_segment {Parameters.MaxSegment}";
}

/// <summary>
/// Random page lists as GUP returns them: naturally aligned folios of random orders, each either continuing the
/// previous one physically or placed elsewhere, PFNs below or above 2^32, sometimes a stretch of P2P BAR pages,
/// a random first offset and total length, and a random max_segment.
/// </summary>
public static class RandomPageLists
{
    // Above all RAM the generator uses, below 2^40 PFNs (52-bit physical addresses, what an IO page table holds).
    public const ulong BarPfn1 = 1UL << 38;
    public const ulong BarPfn2 = (1UL << 38) + (1UL << 36);
    public const ulong BarPages = 1UL << 30;

    public static readonly P2PWindows Windows = new([
        new P2PWindows.Window(BarPfn1, BarPages, 1),
        new P2PWindows.Window(BarPfn2, BarPages, 2),
    ]);

    static readonly int[] s_orders = [0, 0, 0, 0, 1, 2, 4, 9];
    static readonly ulong[] s_maxSegments = [4096, 4097, 8192, 12288, 65536, 1 << 20, 0x7FFFF000, uint.MaxValue, uint.MaxValue];

    public static PageListCase Make(int seed, int maxPages = 4096)
    {
        var rnd = new Random(seed);
        int n = rnd.Next(1, maxPages + 1);
        double contiguity = rnd.NextDouble();
        bool high = rnd.Next(2) == 0;
        bool p2p = rnd.Next(4) == 0;
        ulong ramBase = high ? (1UL << 32) + (ulong)rnd.NextInt64(1L << 36) : 0;
        ulong ramSpan = high ? 1UL << 36 : (1UL << 32) - (1UL << 20);

        var pages = new List<PinnedPage>(n);
        ulong next = ramBase + (ulong)rnd.NextInt64((long)ramSpan);
        while (pages.Count < n)
        {
            if (p2p && rnd.Next(8) == 0)
            {
                int provider = rnd.Next(1, 3);
                ulong bar = (provider == 1 ? BarPfn1 : BarPfn2) + (ulong)rnd.NextInt64(1L << 20);
                int count = Math.Min(rnd.Next(1, 64), n - pages.Count);
                for (int i = 0; i < count; i++)
                    pages.Add(new PinnedPage(bar + (ulong)i, 0, provider));
                continue;
            }

            int order = s_orders[rnd.Next(s_orders.Length)];
            ulong folioPages = 1UL << order;
            ulong head = rnd.NextDouble() < contiguity
                ? (next + folioPages - 1) & ~(folioPages - 1)
                : (ramBase + (ulong)rnd.NextInt64((long)ramSpan)) & ~(folioPages - 1);
            // The first folio may be entered part way, as a buffer that starts inside a THP.
            ulong skip = pages.Count == 0 ? (ulong)rnd.NextInt64((long)folioPages) : 0;
            for (ulong i = skip; i < folioPages && pages.Count < n; i++)
                pages.Add(new PinnedPage(head + i, order));
            next = head + folioPages;
        }

        uint offset = rnd.Next(3) == 0 ? 0 : (uint)rnd.Next(Page.Size);
        ulong span = (ulong)n * Page.Size - offset;
        ulong minLength = span - Page.Size + 1;     // the last page must keep at least one byte
        ulong length = rnd.Next(3) == 0 ? span : minLength + (ulong)rnd.NextInt64(Page.Size);
        if (n == 1)
            length = 1 + (ulong)rnd.NextInt64((long)span);
        ulong maxSegment = s_maxSegments[rnd.Next(s_maxSegments.Length)];
        return new PageListCase(seed, pages.ToArray(), new BuildParameters(offset, length, maxSegment, Windows));
    }
}
