using Xunit;
using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;

namespace BenchSuite.Tests.Workloads;

public sealed class PageTraceTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Every malformed input the trace format names, with the line the error must point at.</summary>
    public static TheoryData<string, string, int, string> Malformed => new()
    {
        { "escape sequence", "# pagetrace v1\n\u001b[2J 1\n", 2, "pfn '?[2J' is not a number" },
        { "long token", "# pagetrace v1\n" + new string('9', 100) + "x 1\n", 2, "pfn '" + new string('9', 40) + "...' is not a number" },
        { "long line", "# pagetrace v1\n# " + new string('x', 5000) + "\n", 2, "line longer than 4096 characters" },
        { "no line ends", new string('\0', 100_000), 1, "line longer than 4096 characters" },
        { "bad header", "# pagetrace v2\n0x10 1\n", 1, "first line must be '# pagetrace v1'" },
        { "no header", "0x10 1\n", 1, "first line must be '# pagetrace v1'" },
        { "non-numeric pfn", "# pagetrace v1\n0x10 1\nzz 1\n", 3, "pfn 'zz' is not a number" },
        { "non-numeric npages", "# pagetrace v1\n0x10 one\n", 2, "npages 'one' is not a number" },
        { "non-numeric order", "# pagetrace v1\n0x10 1 x\n", 2, "folio order 'x' is not a number" },
        { "non-numeric offset", "# pagetrace v1\n# offset 1k\n0x10 1\n", 2, "offset '1k' is not a number" },
        { "npages 0", "# pagetrace v1\n0x10 1\n0x20 0\n", 3, "npages is 0" },
        { "order above 18", "# pagetrace v1\n0x10 1 19\n", 2, "folio order 19 is above 18" },
        { "unknown kind", "# pagetrace v1\n0x10 1 0 vram\n", 2, "unknown kind 'vram'" },
        { "bad provider", "# pagetrace v1\n0x10 1 0 p2p:0\n", 2, "p2p provider '0' must be a number from 1 to 127" },
        { "too many fields", "# pagetrace v1\n0x10 1 0 ram extra\n", 2, "found 5 fields" },
        { "one field", "# pagetrace v1\n0x10\n", 2, "found 1 field" },
        { "page size", "# pagetrace v1\n# page_size 65536\n0x10 1\n", 2, "page_size 65536 is not supported" },
        { "offset too big", "# pagetrace v1\n# offset 4096\n0x10 1\n", 2, "offset 4096 must be below the page size" },
        { "length too long", "# pagetrace v1\n# length 8193\n0x10 2\n", 2, "span 3 pages, but the trace lists 2" },
        { "length too short", "# pagetrace v1\n# offset 512\n# length 3584\n0x10 2\n", 3, "span 1 pages, but the trace lists 2" },
        { "length zero", "# pagetrace v1\n# length 0\n0x10 1\n", 2, "length 0" },
        { "two orders in one folio", "# pagetrace v1\n0x1000 1 9\n0x1001 1 0\n", 3, "pages of order 0 lie in a folio that line 2 gives order 9" },
        // Far apart in the trace, as a hand-edited or spliced trace has them: before, only neighbouring lines were compared.
        { "two orders in one folio, lines apart", "# pagetrace v1\n0x1000 1 0\n0x5000 4\n0x1200 512 9\n0x11ff 1 0\n0x1400 1 9\n0x1201 1 4\n", 7,
            "pages of order 4 lie in a folio that line 4 gives order 9" },
        { "order-0 page inside a folio named later", "# pagetrace v1\n0x1003 1 0\n0x7000 2\n0x1000 1 2\n", 4, "pages of order 2 lie in a folio that line 2 gives order 0" },
        { "larger folio around a smaller one", "# pagetrace v1\n0x1000 2 1\n0x9000 1\n0x1000 1 10\n", 4, "pages of order 10 lie in a folio that line 2 gives order 1" },
        { "repeated length", "# pagetrace v1\n# length 4096\n# length 8192\n0x10 2\n", 3, "'# length' is given again (first on line 2)" },
        { "header after pages", "# pagetrace v1\n0x10 1\n# offset 5\n", 3, "must come before the first page line" },
        { "no pages", "# pagetrace v1\n# offset 0\n", 2, "no page lines" },
        { "pfn past 52 bits", "# pagetrace v1\n0xfffffffffffff 2\n", 2, "run past the 52-bit physical address space" },
        // The last page of a 64-bit address space: its end wrapped to 0 and the DMA walk looped forever.
        { "page at the top of 64 bits", "# pagetrace v1\n0xfffffffffffff 1\n", 2, "run past the 52-bit physical address space" },
        { "first PFN past 52-bit addresses", "# pagetrace v1\n0x10000000000 1\n", 2, "PFNs below 0x10000000000" },
        { "run across 52-bit addresses", "# pagetrace v1\n0xfffffffffff 2\n", 2, "run past the 52-bit physical address space" },
        { "overlapping BARs", "# pagetrace v1\n0x1000 16 0 p2p:1\n0x1008 16 0 p2p:2\n", 3, "overlap" },
        { "RAM inside a BAR", "# pagetrace v1\n0x1000 16 0 p2p:1\n0x1004 1\n", 3, "fall inside the BAR of p2p:1" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedTracesNameFileLineAndProblem(string name, string content, int line, string problem)
    {
        string path = _files.Write(name.Replace(' ', '-') + ".trace", content);
        var e = Assert.Throws<TraceFormatException>(() => PageTrace.Open(path));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WhatIsNotARegularFileWithContentIsNamedAndNeverReadWhole()
    {
        string empty = _files.Write("empty.trace", "");
        Assert.Equal($"{empty}: empty, or not a regular file (a pipe, FIFO or device); a page trace is a file starting with '# pagetrace v1'",
            Assert.Throws<TraceFormatException>(() => PageTrace.Open(empty)).Message);
        Assert.Equal($"{_files.Directory}: is a directory, not a trace file", Assert.Throws<TraceFormatException>(() => PageTrace.Open(_files.Directory)).Message);
        // A device that never ends, read in full before, and a FIFO, opened twice before (the second open waited forever).
        Assert.Contains("not a regular file", Assert.Throws<TraceFormatException>(() => PageTrace.Open("/dev/zero")).Message);
        string fifo = _files.PathOf("fifo.trace");
        if (System.Diagnostics.Process.Start("mkfifo", fifo) is { } mkfifo && mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0)
            Assert.Contains("not a regular file", Assert.Throws<TraceFormatException>(() => PageTrace.Open(fifo)).Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = _files.PathOf("absent.trace");
        var e = Assert.Throws<TraceFormatException>(() => PageTrace.Open(path));
        Assert.Equal($"{path}: no such file", e.Message);
    }

    [Fact]
    public void ReadsHeadersKindsAndDefaults()
    {
        string path = _files.Write("ok.trace", "# pagetrace v1\r\n# a comment\n# offset 512\n\n  0x100000000 2 1  \n4096 3 0 ram\n0x2000000000 4 0 p2p:7\n");
        PageList list = PageTrace.Open(path);
        Assert.Equal(512u, list.FirstOffset);
        Assert.Equal(9UL * 4096 - 512, list.LengthBytes);
        Assert.Equal(9UL, list.Pages);
        Assert.Equal(
            [new Extent(0x100000000, 2, 1), new Extent(4096, 3), new Extent(0x2000000000, 4, 0, 7)],
            list.Extents().ToArray());
        var bar = Assert.Single(list.Bars);
        Assert.Equal((7, 0x2000000000UL, 4UL), (bar.Provider, bar.FirstPfn, bar.Pages));
        Assert.Equal(7, list.Windows.ProviderOf(0x2000000003));
        PinnedPage[] pages = list.Materialise();
        Assert.Equal(new PinnedPage(0x100000001, 1), pages[1]);
        Assert.Equal(new PinnedPage(0x2000000003, 0, 7), pages[8]);
    }

    [Fact]
    public void WriterCoalescesAndReaderReadsBack()
    {
        // Pages 16 and 17 of the 16 KiB folio at 16 (pages of the folio at 12 could not also be order-0 pages 10 to 12).
        Extent[] extents = [new(10, 1), new(11, 2), new(16, 1, 2), new(17, 1, 2), new(20, 1), new(21, 1, 0, 3), new(22, 1, 0, 3)];
        string path = _files.PathOf("round.trace");
        PageTraceWriter.Write(path, 100, 8 * 4096 - 200, extents, ["a comment"]);
        Assert.Empty(Directory.GetFiles(_files.Directory, "round.trace.tmp*"));
        PageList list = PageTrace.Open(path);
        Assert.Equal([new Extent(10, 3), new Extent(16, 2, 2), new Extent(20, 1), new Extent(21, 2, 0, 3)], list.Extents().ToArray());
        Assert.Equal((100u, 8UL * 4096 - 200), (list.FirstOffset, list.LengthBytes));
    }
}
