using BenchSuite.Encodings.Internal;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.Phyr16;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>
/// phyr16 and order8 are built by one policy (HeldRun), so on input both store the same way (every run one aligned
/// block: one phyr16 entry, one order8 word) they must take chunks at the same moments and of the same slot counts,
/// their bytes differing by the entry size alone. Before, phyr16 wrote each entry as its batch arrived, sized for
/// chunks + left_pages, and order8 held its run: two 2 MiB folios cost 4112 B against 40 B.
/// </summary>
public class ProposalPolicyTests
{
    [Fact]
    public void Phyr16AndOrder8DifferByTheirEntrySizesAlone()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var rnd = new Random(seed);
            var pages = new List<PinnedPage>();
            ulong pfn = 1UL << 24;
            int runs = rnd.Next(1, 700);
            for (int r = 0; r < runs; r++)
            {
                int order = rnd.Next(0, 10);
                pfn = ((pfn >> order) + 2) << order;   // aligned, and never adjacent to the previous run
                pages.AddRange(Enumerable.Range(0, 1 << order).Select(i => new PinnedPage(pfn + (ulong)i, order)));
                pfn += 1UL << order;
            }
            var parameters = new BuildParameters(0, (ulong)pages.Count * Page.Size);
            int batch = 1 + rnd.Next(600);
            using var phyrAllocator = new KernelAllocator();
            using var order8Allocator = new KernelAllocator();
            using Phyr16List<Len32, Chunks> phyr = RangeListBuilder.Build<Phyr16List<Len32, Chunks>>(phyrAllocator, parameters, pages.ToArray(), batch);
            using Order8List<Chunks> order8 = RangeListBuilder.Build<Order8List<Chunks>>(order8Allocator, parameters, pages.ToArray(), batch);

            string at = $"seed {seed}: {runs} runs, {pages.Count} pages, batches of {batch}";
            Assert.True(phyr.Entries == runs && order8.Entries == runs, $"{at}: entries {phyr.Entries}, {order8.Entries}");
            // Same moments, same slot counts: each chunk holds the same entries at twice the bytes for phyr16, until one
            // is a full page, which holds 255 phyr16 entries and 511 order8 words (a CHAIN slot each): there phyr16 may
            // need a link slot more per page, in a chunk of its own at worst.
            Footprint p = phyr.Footprint, o = order8.Footprint;
            long links = 16L * (runs / 255 + 1);
            Assert.True(p.AllocatedBytes >= o.AllocatedBytes && p.AllocatedBytes <= 2 * o.AllocatedBytes + links,
                $"{at}: chunk bytes {p.AllocatedBytes} against {o.AllocatedBytes}");
            if (runs < 255)
                Assert.True(p.Allocations == o.Allocations, $"{at}: {p.Allocations} allocations against {o.Allocations}");
        }
    }
}
