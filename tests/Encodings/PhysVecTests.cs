using BenchSuite.Encodings;
using BenchSuite.Encodings.PhysVec;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>physvec's storage and refusals, worked out by hand from the kernel sources.</summary>
public class PhysVecTests
{
    static PinnedPage[] Scattered(int count, int provider = 0, ulong first = 0x10000) =>
        Enumerable.Range(0, count).Select(i => new PinnedPage(first + 2 * (ulong)i, 0, provider)).ToArray();

    static BuildParameters Whole(int pages) => new(0, (ulong)pages * Page.Size);

    /// <summary>
    /// 10,000 scattered pages are 10,000 vecs of 16 B = 160,000 B in one kmalloc: above KMALLOC_MAX_CACHE_SIZE, so
    /// kmalloc_large rounds it to a power-of-two block of pages, 2^6 pages = 262,144 B (mm/slub.c, ___kmalloc_large_node).
    /// Grown by krealloc as batches arrive, it still ends as that one allocation.
    /// </summary>
    [Fact]
    public void TenThousandScatteredPagesAreOneKmallocOfTheirVecs()
    {
        using var allocator = new KernelAllocator();
        using PhysVecList list = RangeListBuilder.Build<PhysVecList>(allocator, Whole(10_000), Scattered(10_000));
        Footprint f = list.Footprint;
        Assert.Equal((10_000L, 160_000L, 1L, 262_144L, 262_144L), (f.Entries, f.PayloadBytes, f.Allocations, f.AllocatedBytes, f.LargestAllocationBytes));
        Assert.Equal(1, allocator.Outstanding);
    }

    /// <summary>A list smaller than a slab class is rounded as kmalloc rounds it: 3 vecs, 48 B, in kmalloc-64.</summary>
    [Fact]
    public void ASmallListTakesItsKmallocClass()
    {
        using var allocator = new KernelAllocator();
        using PhysVecList list = RangeListBuilder.Build<PhysVecList>(allocator, Whole(3), Scattered(3), batchPages: 1);
        Assert.Equal((3L, 1L, 64L), (list.Entries, list.Footprint.Allocations, list.Footprint.AllocatedBytes));
    }

    [Fact]
    public void AListOfOneProviderKeepsItForEveryRange()
    {
        using var allocator = new KernelAllocator();
        var windows = new P2PWindows([new P2PWindows.Window(0x100000, 1024, 3)]);
        var parameters = new BuildParameters(0, 8 * Page.Size, windows: windows);
        using PhysVecList list = RangeListBuilder.Build<PhysVecList>(allocator, parameters, Scattered(8, provider: 3, first: 0x100000));
        RangeCursor cursor = list.StartRanges();
        int ranges = 0;
        while (list.NextRange(ref cursor, out LogicalRange range))
        {
            Assert.Equal(3, range.Provider);
            ranges++;
        }
        Assert.Equal(8, ranges);
    }

    /// <summary>One p2pdma_provider per list (vfio_pci_dmabuf.c): RAM followed by a BAR is refused, with the reason.</summary>
    [Fact]
    public void AListMixingProvidersIsRefused()
    {
        using var allocator = new KernelAllocator();
        PinnedPage[] pages = [.. Scattered(4), .. Scattered(4, provider: 1, first: 0x100000)];
        Assert.False(RangeListBuilder.TryBuild(allocator, Whole(8), pages, out PhysVecList _, out Refusal refusal));
        Assert.Equal(RefusalReason.MixedProviders, refusal.Reason);
        Assert.Contains("provider", refusal.Detail);
        Assert.Equal(0, allocator.Outstanding);
    }

    /// <summary>kcalloc stops at KMALLOC_MAX_SIZE = 4 MiB: 262,144 vecs fit, one more does not (no chaining, no vmalloc).</summary>
    [Theory]
    [InlineData(262_144, true)]
    [InlineData(262_145, false)]
    public void KcallocStopsAtKmallocMaxSize(int ranges, bool fits)
    {
        using var allocator = new KernelAllocator(counting: true);
        bool built = RangeListBuilder.TryBuild(allocator, Whole(ranges), Scattered(ranges), out PhysVecList list, out Refusal refusal);
        Assert.Equal(fits, built);
        if (fits)
        {
            Assert.Equal(4L << 20, list.Footprint.LargestAllocationBytes);
            list.Dispose();
        }
        else
        {
            Assert.Equal(RefusalReason.FieldOverflow, refusal.Reason);
        }
        Assert.Equal(0, allocator.Outstanding);
    }
}
