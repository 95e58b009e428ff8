using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Workloads.Scenarios;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>block/bio.c as it builds bios: bio_add_page's pgmap refusal, and the inline and slab bvec pools.</summary>
public class BioChainTests
{
    /// <summary>
    /// <c>bio_add_page</c> returns 0 for a page whose pgmap differs from the last bvec's
    /// (<c>zone_device_pages_have_same_pgmap</c>), so RAM and BAR pages never share a bio; before, they did.
    /// </summary>
    [Fact]
    public void RamAndBarPagesNeverShareABio()
    {
        var list = ScenarioCatalog.Find("p2p-mixed").Create(64UL << 20, seed: 1);
        PinnedPage[] pages = list.Materialise();
        using var allocator = new KernelAllocator();
        using BioChain chain = RangeListBuilder.Build<BioChain>(allocator, list.Parameters(), pages);
        var bios = chain.Bios();
        Assert.Contains(pages, p => p.Provider != 0);
        Assert.All(bios, b => Assert.Single(b.Providers.Distinct()));
        // p2p-mixed alternates 2 MiB of RAM and of BAR: a bio per 2 MiB run.
        Assert.Equal(32, bios.Count);
    }

    /// <summary>
    /// <c>bio_alloc_bioset</c>: up to BIO_INLINE_VECS (4) bvecs live in the bio object (the bioset's back_pad), and
    /// <c>bi_max_vecs</c> is 4 even for one; more take the smallest of the 16, 64, 128 and 256 slabs (<c>biovec_slab</c>).
    /// </summary>
    [Theory]
    [InlineData(1, 4, 1)]
    [InlineData(4, 4, 1)]
    [InlineData(5, 16, 2)]
    [InlineData(17, 64, 2)]
    [InlineData(100, 128, 2)]
    [InlineData(200, 256, 2)]
    public void BvecPoolsAreTheInlineVecsAndTheSlabs(int pages, int maxVecs, int allocations)
    {
        var scattered = Enumerable.Range(0, pages).Select(i => new PinnedPage(0x100000 + 2 * (ulong)i)).ToArray();
        using var allocator = new KernelAllocator();
        using BioChain chain = RangeListBuilder.Build<BioChain>(allocator, new BuildParameters(0, (ulong)pages * Page.Size), scattered);
        Assert.Equal(maxVecs, Assert.Single(chain.Bios()).MaxVecs);
        Footprint f = chain.Footprint;
        Assert.Equal(allocations, f.Allocations);
        Assert.Equal(32 + 4 * 16 + (allocations == 2 ? maxVecs * 16 : 0), f.AllocatedBytes);
    }
}
