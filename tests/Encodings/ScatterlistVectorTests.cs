using System.Text.Json;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Scatterlist;
using Xunit;

namespace BenchSuite.Tests.Encodings;

/// <summary>
/// The 22 vectors of the kernel's tools/testing/scatterlist/main.c (newest form, shared/reference), run against
/// <see cref="SgTable"/> the way main() runs them: one segment build, or an append build with left_pages followed by
/// a second page array. Entry lengths are checked too, against the derived lengths in the vector file.
/// </summary>
public sealed class ScatterlistVectorTests
{
    const int EINVAL = -22;

    public sealed record Vector(int Id, int AllocRet, int NumPages, ulong[] Pfn, ulong[]? PfnApp, uint FirstOffset,
        ulong Size, ulong MaxSeg, int ExpectedSegments, bool CheckOrigNents, ulong[]? DerivedLengths)
    {
        public override string ToString() =>
            $"#{Id} ret {AllocRet} pfn [{string.Join(",", Pfn)}] app [{string.Join(",", PfnApp ?? [])}] size {Size} max_seg {MaxSeg} expect {ExpectedSegments} lengths [{string.Join(",", DerivedLengths ?? [])}]";
    }

    public static TheoryData<Vector> Vectors()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", "scatterlist-vectors.json");
        var vectors = JsonSerializer.Deserialize<Vector[]>(File.ReadAllText(path),
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
        var data = new TheoryData<Vector>();
        foreach (Vector v in vectors)
            data.Add(v);
        return data;
    }

    [Fact]
    public void AllTwentyTwoVectorsAreThere() => Assert.Equal(22, Vectors().Count);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void KernelVector(Vector v)
    {
        // The harness's fake pages are (1 + pfn) * PAGE_SIZE; contiguity is what matters, so pfn + 1 is used as is.
        PinnedPage[] pages = v.Pfn.Select(p => new PinnedPage(p + 1)).ToArray();
        using var allocator = new KernelAllocator();

        if (v.PfnApp is null)
        {
            var parameters = new BuildParameters(v.FirstOffset, v.Size, v.MaxSeg);
            SgTable table = SgTable.Create(allocator, parameters);
            using (table)
            {
                bool ok = table.TryAppend(pages, 0, out Refusal refusal);
                Assert.True(ok == (v.AllocRet == 0), $"{v}: {(ok ? "built" : refusal)}");
                if (!ok)
                {
                    Assert.Equal(EINVAL, v.AllocRet);
                    Assert.Equal(RefusalReason.MaxSegmentBelowPage, refusal.Reason);
                    Assert.Equal("scatterlist", refusal.Encoding);
                    return;
                }
                Assert.True(v.ExpectedSegments == table.AppendTable.Nents, v.ToString());
                Assert.True(v.ExpectedSegments == table.AppendTable.OrigNents, v.ToString());
                AssertLengths(v, table);
            }
        }
        else
        {
            // sg_alloc_append_table_from_pages(pages, n, 0, size, max_seg, left_pages = n), then the second array with 0 left.
            PinnedPage[] appended = v.PfnApp.Select(p => new PinnedPage(p + 1)).ToArray();
            var parameters = new BuildParameters(v.FirstOffset, 2 * v.Size, v.MaxSeg);
            using SgTable table = SgTable.Create(allocator, parameters);
            Assert.True(table.TryAppend(pages, (ulong)appended.Length, out _), v.ToString());
            Assert.True(table.TryAppend(appended, 0, out _), v.ToString());
            Assert.True(v.ExpectedSegments == table.AppendTable.Nents, v.ToString());
            AssertLengths(v, table);
        }
    }

    static void AssertLengths(Vector v, SgTable table)
    {
        List<LogicalRange> ranges = RangeListContractTests<SgTable>.Ranges(table);
        Assert.True(v.DerivedLengths!.SequenceEqual(ranges.Select(r => r.LengthBytes)),
            $"{v}: got lengths [{string.Join(",", ranges.Select(r => r.LengthBytes))}]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    public void MaxSegmentBelowOnePageIsRefused(ulong maxSegment)
    {
        using var allocator = new KernelAllocator();
        bool built = RangeListBuilder.TryBuild(allocator, new BuildParameters(0, Page.Size, maxSegment), [new PinnedPage(5)],
            out SgTable _, out Refusal refusal);
        Assert.False(built);
        Assert.Equal(RefusalReason.MaxSegmentBelowPage, refusal.Reason);
        Assert.StartsWith("scatterlist: ", refusal.ToString());
        Assert.Equal(0, allocator.Outstanding);
    }
}
