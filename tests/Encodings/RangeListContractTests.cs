using BenchSuite.Encodings.Internal;
using BenchSuite.Encodings;
using BenchSuite.Encodings.BioVec;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.PageArray;
using BenchSuite.Encodings.Phyr16;
using BenchSuite.Encodings.PhysVec;
using BenchSuite.Encodings.Reference;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>
/// What every encoding must do, checked against the reference model. One small subclass per family's default, so
/// xunit runs the encodings in parallel; every other variant the registry lists runs the same checks through
/// <see cref="VariantContractTests"/>.
/// </summary>
public abstract class RangeListContractTests<TList> where TList : struct, IRangeList<TList>
{
    public const int RandomCases = 10_000;

    /// <summary>Every check, with <paramref name="randomCases"/> random lists: what a variant runs.</summary>
    internal static void All(int randomCases)
    {
        CheckRandomLists(randomCases);
        CheckSmallBatches();
        CheckHugeRuns();
        CheckNoAllocation();
        CheckCountingMode();
    }

    internal static List<LogicalRange> Ranges(TList list)
    {
        var ranges = new List<LogicalRange>();
        RangeCursor cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
            ranges.Add(range);
        return ranges;
    }

    internal static List<(ulong, int)> Pages(TList list)
    {
        var pages = new List<(ulong, int)>();
        var cursor = new PageCursor<TList>(list);
        while (cursor.Next(out ulong pfn, out int provider))
            pages.Add((pfn, provider));
        return pages;
    }

    /// <summary>Builds, checks ranges, pages, seek and footprint against the reference; returns a failure text or null.</summary>
    static string? Check(PageListCase c)
    {
        List<LogicalRange>? expected = ReferenceModel.Ranges<TList>(c.Pages, c.Parameters);
        using var allocator = new KernelAllocator();
        if (!RangeListBuilder.TryBuild(allocator, c.Parameters, c.Pages, out TList list, out Refusal refusal))
            return expected is null ? null : $"refused unexpectedly: {refusal}";
        using (list)
        {
            if (expected is null)
                return "built, but the reference refuses these parameters";
            List<LogicalRange> actual = Ranges(list);
            if (!actual.SequenceEqual(expected))
            {
                int at = Enumerable.Range(0, Math.Min(actual.Count, expected.Count)).FirstOrDefault(i => actual[i] != expected[i], Math.Min(actual.Count, expected.Count));
                return $"ranges differ at {at}: got {actual.Count} ranges ({(at < actual.Count ? actual[at] : "end")}), expected {expected.Count} ({(at < expected.Count ? expected[at] : "end")})";
            }
            if (!Pages(list).SequenceEqual(ReferenceModel.Pages(c.Pages)))
                return "page walk differs from the pinned pages";
            if (list.Entries < expected.Count)
                return $"{list.Entries} entries cannot hold {expected.Count} ranges";

            var rnd = new Random(c.Seed);
            for (int k = 0; k < 4; k++)
            {
                ulong offset = (ulong)rnd.NextInt64((long)c.Parameters.TotalLengthBytes);
                RangeCursor cursor = list.Seek(offset, out ulong start);
                if (!list.NextRange(ref cursor, out LogicalRange found) || offset < start || offset >= start + found.LengthBytes)
                    return $"seek to {offset} gave range {found} at {start}";
            }
            RangeCursor past = list.Seek(c.Parameters.TotalLengthBytes, out _);
            if (list.NextRange(ref past, out _))
                return "seek past the end still yields a range";

            Footprint f = list.Footprint;
            if (f.AllocatedBytes != allocator.OutstandingBytes || f.Allocations != allocator.Outstanding)
                return $"footprint {f} disagrees with the allocator ({allocator.Outstanding} allocations, {allocator.OutstandingBytes} B)";
            if (f.PayloadBytes > f.AllocatedBytes)
                return $"payload {f.PayloadBytes} B exceeds allocated {f.AllocatedBytes} B";
        }
        return allocator.Outstanding == 0 ? null : $"{allocator.Outstanding} allocations outstanding after Dispose";
    }

    [Fact]
    public void RandomListsMatchTheReferenceModel() => CheckRandomLists(RandomCases);

    static void CheckRandomLists(int cases)
    {
        var failures = new List<string>();
        for (int seed = 1; seed <= cases && failures.Count < 5; seed++)
        {
            PageListCase c = RandomPageLists.Make(seed);
            if (Check(c) is string failure)
                failures.Add($"{TList.Name} {c}: {failure}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void SmallBatchesBuildTheSameRanges() => CheckSmallBatches();

    static void CheckSmallBatches()
    {
        // Batch boundaries exercise the append paths (prv merging, open runs, over-provisioned chunks).
        for (int seed = 1; seed <= 300; seed++)
        {
            PageListCase c = RandomPageLists.Make(seed, maxPages: 600);
            List<LogicalRange>? expected = ReferenceModel.Ranges<TList>(c.Pages, c.Parameters);
            if (expected is null)
                continue;
            using var allocator = new KernelAllocator();
            using TList list = RangeListBuilder.Build<TList>(allocator, c.Parameters, c.Pages, batchPages: 1 + seed % 7);
            Assert.True(expected.SequenceEqual(Ranges(list)), $"{TList.Name} {c}, batches of {1 + seed % 7}");
        }
    }

    [Fact]
    public void HugeContiguousRunsAreSplitOrKeptNeverWrapped() => CheckHugeRuns();

    static void CheckHugeRuns()
    {
        // 8 GiB of contiguous 1 GiB folios above 2^32: every u32 length field must split, never wrap.
        const int pages = 8 << 18;
        var list = new PinnedPage[pages];
        ulong head = 1UL << 34;
        for (int i = 0; i < pages; i++)
            list[i] = new PinnedPage(head + (ulong)i, PinnedPage.MaxFolioOrder);
        var parameters = new BuildParameters(0, (ulong)pages * Page.Size);
        List<LogicalRange> expected = ReferenceModel.Ranges<TList>(list, parameters)!;
        using var allocator = new KernelAllocator();
        using TList built = RangeListBuilder.Build<TList>(allocator, parameters, list);
        List<LogicalRange> actual = Ranges(built);
        Assert.Equal(expected, actual);
        Assert.Equal(parameters.TotalLengthBytes, (ulong)actual.Sum(r => (decimal)r.LengthBytes));
    }

    /// <summary>The random list of <paramref name="seed"/>, or of the first seed after it that the encoding accepts (physvec refuses mixed providers).</summary>
    static PageListCase Accepted(int seed, int maxPages = 4096)
    {
        for (; ; seed++)
        {
            PageListCase c = RandomPageLists.Make(seed, maxPages);
            if (ReferenceModel.Ranges<TList>(c.Pages, c.Parameters) is not null)
                return c;
        }
    }

    [Fact]
    public void IteratingAllocatesNothing() => CheckNoAllocation();

    static void CheckNoAllocation()
    {
        PageListCase c = Accepted(7);
        using var allocator = new KernelAllocator();
        using TList list = RangeListBuilder.Build<TList>(allocator, c.Parameters, c.Pages);
        Walk(list);     // JIT and tiering first
        long before = GC.GetAllocatedBytesForCurrentThread();
        ulong sum = Walk(list);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0UL, sum);
    }

    static ulong Walk(TList list)
    {
        ulong sum = 0;
        RangeCursor cursor = list.StartRanges();
        while (list.NextRange(ref cursor, out LogicalRange range))
            sum += range.LengthBytes;
        var pages = new PageCursor<TList>(list);
        while (pages.Next(out ulong pfn, out _))
            sum += pfn;
        RangeCursor seek = list.Seek(sum % 4096, out ulong start);
        return sum + start + (list.NextRange(ref seek, out LogicalRange r) ? r.LengthBytes : 0);
    }

    [Fact]
    public void CountingModeMeasuresTheSameFootprint() => CheckCountingMode();

    static void CheckCountingMode()
    {
        PageListCase c = Accepted(11, maxPages: 40_000);
        using var real = new KernelAllocator();
        using var counting = new KernelAllocator(counting: true);
        using TList a = RangeListBuilder.Build<TList>(real, c.Parameters, c.Pages);
        Footprint expected = a.Footprint;
        using (TList b = RangeListBuilder.Build<TList>(counting, c.Parameters, c.Pages))
            Assert.Equal(expected, b.Footprint);
        Assert.Equal(0, counting.Outstanding);
        Assert.True(expected.Allocations > 0);
    }
}

public sealed class ScatterlistContractTests : RangeListContractTests<SgTable>;
public sealed class Phyr16ContractTests : RangeListContractTests<Phyr16List<Len32, Chunks>>;
public sealed class Order8ContractTests : RangeListContractTests<Order8List<Chunks>>;
public sealed class RlistContractTests : RangeListContractTests<RlistList<Chunk512>>;
public sealed class PhysVecContractTests : RangeListContractTests<PhysVecList>;
public sealed class PageArrayContractTests : RangeListContractTests<PageArrayList>;
public sealed class BioVecContractTests : RangeListContractTests<BioChain>;

/// <summary>Every variant that is not a family's default (those have their own classes above), from the registry.</summary>
public sealed class VariantContractTests
{
    public static TheoryData<string> Variants => [.. EncodingRegistry.All.Where(v => !v.IsDefault).Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryVariantKeepsTheContract(string variant) => EncodingRegistry.Visit(variant, new Run());

    [Fact]
    public void EveryFamilyHasItsDefaultAndAVariantPerKnobValue()
    {
        foreach (EncodingFamily family in EncodingRegistry.Families)
        {
            Assert.Equal(family.Name, family.Default.Name);
            Assert.Equal(family.Knobs.Aggregate(1, (n, k) => n * k.Values.Count), family.Variants.Count);
            Assert.All(family.Knobs, k => Assert.Contains(k.Default, k.Values));
        }
    }

    sealed class Run : IEncodingVisitor<bool>
    {
        public bool Visit<TList, TDma>()
            where TList : struct, IRangeList<TList>
            where TDma : struct, IDmaList<TDma, TList>
        {
            RangeListContractTests<TList>.All(randomCases: 2_000);
            return true;
        }
    }
}
