using BenchSuite.Encodings;
using BenchSuite.Reports.Results;
using BenchSuite.Tests.Workloads;
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
        Assert.Equal((pages + 62) / 63 * 512 + sizeof(ulong), rlist.AllocatedBytes);
        Assert.Equal((pages + 62) / 63, rlist.Allocations);

        DensityRow sg = rows["scatterlist"];
        Assert.Equal(pages, sg.Entries);
        Assert.Equal(78 * 4096 + KernelAllocator.KmallocSize(5 * 32) + 32, sg.AllocatedBytes);
        Assert.Equal(79, sg.Allocations);
        Assert.Equal((double)sg.AllocatedBytes!.Value / pages, sg.BytesPerPage!.Value, 9);
        Assert.Equal($"trace:{path}", sg.Scenario);
    }

    [Fact]
    public void TableHasOneBlockPerListAndEveryEncoding()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-thp,nvme-dio", "--sizes", "2M,1G");
        Assert.Equal(0, run.ExitCode);
        foreach (string heading in new[] { "rdma-thp, 2.0 MiB pinned, 512 pages", "rdma-thp, 1.0 GiB pinned", "nvme-dio, 2.0 MiB pinned, 513 pages" })
            Assert.Contains(heading, run.Stdout);
        foreach (string encoding in EncodingCatalog.Names)
            Assert.Equal(4, run.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith(encoding + " ", StringComparison.Ordinal)));
        Assert.All(run.Stdout.Split('\n'), l => Assert.True(l.Length < 80, l));
    }

    [Fact]
    public void MaxSegmentBelowAPageIsARefusalNotAnError()
    {
        var run = CliRunner.Run("density", "--scenarios", "rdma-4k", "--sizes", "1M", "--max-segment", "4095", "--json");
        Assert.Equal(0, run.ExitCode);
        var rows = DensityFile.Deserialize(run.Stdout);
        DensityRow sg = Assert.Single(rows, r => r.Encoding == "scatterlist");
        Assert.False(sg.Supported);
        Assert.Null(sg.AllocatedBytes);
        Assert.Contains("max_segment", sg.Reason);
        Assert.All(rows.Where(r => r.Encoding != "scatterlist"), r => Assert.True(r.Supported));
    }
}
