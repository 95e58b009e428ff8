using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings;
using BenchSuite.Reports.Results;
using BenchSuite.Tests.Workloads;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;
using Xunit;

namespace BenchSuite.Tests.Bench;

public sealed class DensityCommandTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// The acceptance figures, through the real command: scattered single pages below 2^32 cost rlist one
    /// 512-byte chunk per 63 eight-byte entries, and scatterlist one 4 KiB page per 127 entries (the 128th slot
    /// chains), then a last chunk kmalloc'ed to what remains, plus the 32-byte sg_append_table.
    /// </summary>
    [Fact]
    public void ScatteredPagesCostTheKernelsChunkFigures()
    {
        const int pages = 127 * 78 + 5;
        string path = _files.PathOf("scattered.trace");
        PageTraceWriter.Write(path, 0, pages * 4096UL, Enumerable.Range(0, pages).Select(i => new Extent(0x10000 + 2UL * (ulong)i, 1)));

        var run = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "rlist,scatterlist");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout).ToDictionary(r => r.Encoding);

        DensityRow rlist = rows["rlist"];
        Assert.Equal(pages, rlist.Entries);
        Assert.Equal((pages + 62) / 63 * 512 + RlistList<Chunk512>.HeaderBytes, rlist.AllocatedBytes);   // struct rlist_cpu
        Assert.Equal((pages + 62) / 63, rlist.Allocations);

        DensityRow sg = rows["scatterlist"];
        Assert.Equal(pages, sg.Entries);
        Assert.Equal(78 * 4096 + KernelAllocator.KmallocSize(5 * 32) + 32, sg.AllocatedBytes);
        Assert.Equal(79, sg.Allocations);
        Assert.Equal((double)sg.AllocatedBytes!.Value / pages, sg.BytesPerPage!.Value, 9);
        Assert.Equal($"trace:{path}", sg.Scenario);
    }

    /// <summary>
    /// rlist's chunk size as a knob (issue 17's figures): 10,000 scattered pages below 2^32 are 8-byte entries, 15 to
    /// a 128-byte chunk (30 slots), 63 to a 512-byte one (126), 511 to a page (1022), plus struct rlist_cpu.
    /// </summary>
    [Fact]
    public void RlistChunkSizeIsAKnob()
    {
        const int pages = 10_000;
        string path = _files.PathOf("scattered10k.trace");
        PageTraceWriter.Write(path, 0, pages * 4096UL, Enumerable.Range(0, pages).Select(i => new Extent(0x10000 + 2UL * (ulong)i, 1)));

        var run = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "rlist@chunk=*", "--mappers", "none");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout).ToDictionary(r => r.Encoding);
        // Every chunk size the family builds (a new one joins without this test changing), these three checked by hand.
        Assert.Equal(RlistFamily.Family.Variants.Select(v => v.Name).Order(), rows.Keys.Order());
        Assert.Equal(667 * 128 + RlistList<Chunk128>.HeaderBytes, rows["rlist@chunk=128"].AllocatedBytes);
        Assert.Equal(159 * 512 + RlistList<Chunk512>.HeaderBytes, rows["rlist"].AllocatedBytes);
        Assert.Equal(20 * 4096 + RlistList<Chunk4096>.HeaderBytes, rows["rlist@chunk=4096"].AllocatedBytes);
        Assert.All(rows.Values, r => Assert.Equal(pages, r.Entries));

        // phyr16's chain as a knob: one flat array for 10,000 entries (kvmalloc rounds 160,032 B up), against page chunks.
        var phyr = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "phyr16,phyr16@chain=flat", "--mappers", "none");
        var phyrRows = DensityFile.Deserialize(phyr.Stdout).ToDictionary(r => r.Encoding);
        Assert.Equal((1L, 256 * 1024L), (phyrRows["phyr16@chain=flat"].Allocations!.Value, phyrRows["phyr16@chain=flat"].LargestAllocationBytes!.Value));
        Assert.True(phyrRows["phyr16"].LargestAllocationBytes <= 4096);
        Assert.Equal(pages, phyrRows["phyr16@chain=flat"].Entries);

        var unknown = CliRunner.Run("density", "--trace", path, "--encodings", "rlist@chunk=100");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("chunk=128|512|4096", Assert.Single(unknown.StderrLines));
    }

    /// <summary>
    /// phyr16's length field as a knob: one contiguous 64 GiB run is 17 entries under a u32 len (4 GiB − 4 KiB each)
    /// and one under a 60-bit len, the form Jason Gunthorpe weighed.
    /// </summary>
    [Fact]
    public void Phyr16LengthIsAKnob()
    {
        string path = _files.Write("contiguous64g.trace", "# pagetrace v1\n0x100000 16777216\n");
        var run = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "phyr16@len=*", "--mappers", "none");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout).ToDictionary(r => r.Encoding);
        Assert.Equal((17L, 1L), (rows["phyr16"].Entries!.Value, rows["phyr16@len=60"].Entries!.Value));
    }

    /// <summary>phys_vec's len is a size_t: one contiguous 64 GiB run is one vec, in kmalloc-16, beside the 32-byte header.</summary>
    [Fact]
    public void PhysVecHoldsA64GiBRunInOneVec()
    {
        string path = _files.Write("contiguous64g-physvec.trace", "# pagetrace v1\n0x100000 16777216\n");
        var run = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "physvec", "--mappers", "none");
        Assert.Equal(0, run.ExitCode);
        DensityRow row = Assert.Single(DensityFile.Deserialize(run.Stdout));
        Assert.Equal((1L, 1L, 16L + 32L), (row.Entries!.Value, row.Allocations!.Value, row.AllocatedBytes!.Value));
    }

    /// <summary>
    /// order8's escape as a knob: 1,000 separate runs of 3 pages at PFN multiples of 8 are two blocks each (2 + 1,
    /// 16 bytes) by default, and one counted word (order 0, count 3: 12 bytes) in Gunthorpe's form.
    /// </summary>
    [Fact]
    public void Order8EscapeIsAKnob()
    {
        string path = _files.PathOf("threes.trace");
        PageTraceWriter.Write(path, 0, 3000 * 4096UL, Enumerable.Range(0, 1000).Select(i => new Extent(0x10000 + 8UL * (ulong)i, 3)));
        var run = CliRunner.Run("density", "--trace", path, "--json", "--encodings", "order8@escape=*", "--mappers", "none");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout).ToDictionary(r => r.Encoding);
        Assert.Equal((16_000L, 12_000L), (rows["order8"].PayloadBytes!.Value, rows["order8@escape=12"].PayloadBytes!.Value));
        Assert.Equal(1000, rows["order8@escape=12"].Entries);
    }

    [Fact]
    public void TheSameTraceGivenTwiceIsOneList()
    {
        string path = _files.Write("twice.trace", "# pagetrace v1\n0x1000 4\n");
        var run = CliRunner.Run("density", "--trace", path, "--trace", Path.Combine(Path.GetDirectoryName(path)!, ".", "twice.trace"), "--json", "--encodings", "rlist");
        Assert.Equal(0, run.ExitCode);
        Assert.Single(DensityFile.Deserialize(run.Stdout));
    }

    [Fact]
    public void TableHasOneBlockPerListAndEveryEncoding()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-thp,nvme-dio", "--sizes", "2M,1G");
        Assert.Equal(0, run.ExitCode);
        foreach (string heading in new[] { "rdma-thp, 2.0 MiB pinned, 512 pages", "rdma-thp, 1.0 GiB pinned", "nvme-dio, 2.0 MiB pinned, 513 pages" })
            Assert.Contains(heading, run.Stdout);
        // Per list: a footprint row and a DMA row in each table of three mappers, for each encoding.
        int dmaTables = (MapperCatalog.All.Count + 2) / 3;
        foreach (string encoding in EncodingRegistry.Names)
            Assert.Equal(4 * (1 + dmaTables), run.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith(encoding + " ", StringComparison.Ordinal)));
        Assert.Equal(4, run.Stdout.Split('\n').Count(l => l.Contains("direct segs") && l.Contains("iommu segs") && l.Contains("p2p segs")));
        Assert.All(run.Stdout.Split('\n'), l => Assert.True(l.Length < 80, l));
    }

    [Fact]
    public void MaxSegmentBelowAPageIsARefusalNotAnError()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-4k", "--sizes", "1M", "--max-segment", "4095", "--json");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout);
        // Every list built within the device's max_segment refuses one below a page, as sg_alloc_append_table_from_pages does.
        string[] limited = [.. EncodingRegistry.Names.Where(e => EncodingRegistry.Find(e).Traits.HasFlag(RangeListTraits.HonoursMaxSegment))];
        Assert.All(rows.Where(r => limited.Contains(r.Encoding)), r =>
        {
            Assert.False(r.Supported);
            Assert.Null(r.AllocatedBytes);
            Assert.Contains("max_segment", r.Reason);
        });
        Assert.All(rows.Where(r => !limited.Contains(r.Encoding)), r => Assert.True(r.Supported));
    }

    /// <summary>
    /// The two-step API on a fragmented layout whose interior boundaries are page aligned: one window, so one segment
    /// for every encoding that stores ranges, and the caller keeps a 16-byte dma_iova_state instead of a DMA list;
    /// pagearray's hmm_dma_map keeps its pfn_list. Against iommu_dma_map_sg: the same page-table writes, and one
    /// link call per range, where map_sg makes one iommu_map_nosync call per physically contiguous run: the same count here (claim C12).
    /// </summary>
    [Fact]
    public void IovaLinkKeepsOneWindowAndItsStateForAFragmentedList()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-4k", "--sizes", "16M", "--mappers", "iommu,iova-link", "--json");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout);
        foreach (DensityRow row in rows.Where(r => !EncodingRegistry.Find(r.Encoding).OutputTraits.HasFlag(DmaOutputTraits.PerPage)))
        {
            DmaDensity link = row.Dma.Single(d => d.Mapper == "iova-link");
            Assert.True(link.Supported, $"{row.Encoding}: {link.Reason}");
            Assert.Equal(1, link.Segments);
            Assert.InRange(link.AllocatedBytes!.Value, 0, 64);
            DmaDensity sg = row.Dma.Single(d => d.Mapper == "iommu");
            // Ranges here are the physically contiguous runs, so a link per range is map_sg's call per run.
            Assert.Equal((sg.PtesWritten, sg.MapCalls, 1L), (link.PtesWritten, link.MapCalls, link.Syncs!.Value));
        }
        Assert.Contains(rows, r => r.Encoding == "physvec");
    }

    /// <summary>
    /// A 64 KiB IOMMU granule: a fragmented list's page-aligned boundaries are off it, so iova-link maps each range
    /// alone (blk_can_dma_map_iova is false; dma_map_phys, an IOVA, an iommu_map and its sync per range). A granule
    /// other than 4K, 16K or 64K is one line and exit 2.
    /// </summary>
    [Fact]
    public void ALargeIommuGranuleMakesIovaLinkMapEachRangeAlone()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-4k", "--sizes", "16M", "--encodings", "scatterlist,physvec",
            "--mappers", "iova-link", "--iommu-granule", "64K", "--json");
        Assert.Equal(0, run.ExitCode);
        foreach (DensityRow row in DensityFile.Deserialize(run.Stdout))
        {
            DmaDensity link = Assert.Single(row.Dma);
            Assert.Equal((row.Entries, row.Entries, row.Entries), (link.Segments, link.MapCalls, link.Syncs));
        }
        foreach (string granule in new[] { "6K", "128K", "256T" })
        {
            var bad = CliRunner.Run("density", "--iommu-granule", granule, "--sizes", "1M");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--iommu-granule", Assert.Single(bad.StderrLines));
        }
    }

    [Fact]
    public void JsonHasDmaRowsForEveryMapper()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-4k,p2p-mixed", "--sizes", "4M", "--json");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout);
        Assert.All(rows, r => Assert.Equal(["direct", "iommu", "p2p", "iova-link"], r.Dma.Select(d => d.Mapper)));

        // A fragmented list coalesces to one IOVA range; direct keeps one segment per merged range.
        DensityRow sg = rows.Single(r => r.Encoding == "scatterlist" && r.Scenario == "rdma-4k");
        Assert.Equal(1, sg.Dma.Single(d => d.Mapper == "iommu").Segments);
        Assert.Equal(sg.Entries, sg.Dma.Single(d => d.Mapper == "direct").Segments);
        Assert.Equal(0, sg.Dma.Single(d => d.Mapper == "iommu").AllocatedBytes);   // written in place

        // phyr16's dma_range list for one segment: its 16-byte header and one kmalloc-16 entry.
        DensityRow phyr = rows.Single(r => r.Encoding == "phyr16" && r.Scenario == "rdma-4k");
        Assert.Equal(16 + 16, phyr.Dma.Single(d => d.Mapper == "iommu").AllocatedBytes);

        // Bus addresses split the IOVA output; a page array of dma_addr_t cannot flag them.
        DensityRow mixed = rows.Single(r => r.Encoding == "phyr16" && r.Scenario == "p2p-mixed");
        Assert.True(mixed.Dma.Single(d => d.Mapper == "p2p").Segments > mixed.Dma.Single(d => d.Mapper == "iommu").Segments);
        DmaDensity refused = rows.Single(r => r.Encoding == "pagearray" && r.Scenario == "p2p-mixed").Dma.Single(d => d.Mapper == "p2p");
        Assert.False(refused.Supported);
        Assert.Null(refused.Segments);
        Assert.Contains("bus address", refused.Reason);
    }

    /// <summary>Issue 15's acceptance, through the CLI: whole entries (__finalise_sg), lists built within max_segment.</summary>
    [Fact]
    public void DeviceLimitsPackWholeEntries()
    {
        // Three runs of 3, 15 and 2 pages: 12K, 60K, 8K under 64K are three IOVA segments (the cut IOVA range gave two).
        string runs = _files.Write("runs.trace", "# pagetrace v1\n0x100000 3\n0x200000 15\n0x300000 2\n");
        var three = CliRunner.Run("density", "--trace", runs, "--mappers", "iommu", "--max-segment", "64K", "--json", "--encodings", "scatterlist,phyr16");
        Assert.Equal(0, three.ExitCode);
        Assert.All(DensityFile.Deserialize(three.Stdout), r => Assert.Equal(3, Assert.Single(r.Dma).Segments));

        // One 48-page run under 64K: three scatterlist entries, three direct segments.
        string run48 = _files.Write("run48.trace", "# pagetrace v1\n0x100000 48\n");
        var direct = CliRunner.Run("density", "--trace", run48, "--mappers", "direct", "--max-segment", "64K", "--json", "--encodings", "scatterlist");
        Assert.Equal(0, direct.ExitCode);
        DensityRow sg = Assert.Single(DensityFile.Deserialize(direct.Stdout));
        Assert.Equal(3, sg.Entries);
        Assert.Equal(3, Assert.Single(sg.Dma).Segments);
    }

    /// <summary>phyr16 and order8 share one build policy, so two 2 MiB folios cost them entries, not a page against two words.</summary>
    [Fact]
    public void TwoThpFoliosCostPhyr16AndOrder8AlikeWithinTheirEntrySizes()
    {
        string thp = _files.Write("thp.trace", "# pagetrace v1\n0x200000 512 9\n0x400200 512 9\n");
        var run = CliRunner.Run("density", "--trace", thp, "--mappers", "none", "--json", "--encodings", "phyr16,order8");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout);
        long phyr = rows.Single(r => r.Encoding == "phyr16").AllocatedBytes!.Value, order8 = rows.Single(r => r.Encoding == "order8").AllocatedBytes!.Value;
        Assert.InRange((double)phyr / order8, 0.5, 2.0);   // 4112 B against 40 B before
    }

    [Theory]
    [InlineData("--seg-boundary", "3000")]
    [InlineData("--mappers", "iommu,swiotlb")]
    public void BadDmaOptionsAreOneLine(string option, string value)
    {
        var run = CliRunner.Run("density", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }
}
