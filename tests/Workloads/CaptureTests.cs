using BenchSuite.Tests.Bench;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;
using Xunit;

namespace BenchSuite.Tests.Workloads;

/// <summary>
/// Capture reads real PFNs, which needs root. As root the trace must be real (16384 distinct non-zero PFNs for
/// 64 MiB, readable back, and usable by density); otherwise capture must refuse with the one-line root message.
/// </summary>
public sealed class CaptureTests : IDisposable
{
    readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Whether this process sees real PFNs: the pagemap entry of a page it just wrote has a non-zero PFN.</summary>
    static unsafe bool CanReadPfns()
    {
        try
        {
            byte[] probe = GC.AllocateArray<byte>(8192, pinned: true);
            probe[4096] = 1;
            ulong page = (ulong)(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref probe[4096]) / 4096;
            using var pagemap = File.OpenRead("/proc/self/pagemap");
            Span<byte> entry = stackalloc byte[8];
            RandomAccess.Read(pagemap.SafeFileHandle, entry, (long)page * 8);
            using var flags = File.OpenRead("/proc/kpageflags");
            return (BitConverter.ToUInt64(entry) & ((1UL << 55) - 1)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void Capture64MiBWritesARealTraceThatDensityReads()
    {
        string path = _files.PathOf("x.trace");
        var run = CliRunner.Run("capture", "--size", "64M", "--out", path);
        if (!CanReadPfns())
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains("root", Assert.Single(run.StderrLines));
            return;
        }
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("16384 pages", run.Stdout);

        PageList list = PageTrace.Open(path);
        Assert.Equal(16384UL, list.Pages);
        var pages = list.Materialise();
        Assert.All(pages, p => Assert.NotEqual(0UL, p.Pfn));
        Assert.Equal(pages.Length, pages.Select(p => p.Pfn).Distinct().Count());

        var density = CliRunner.Run("density", "--trace", path);
        Assert.Equal(0, density.ExitCode);
        Assert.Contains($"trace:{path}, 64.0 MiB pinned, 16384 pages", density.Stdout);
    }

    [Fact]
    public void ThpCaptureSeesPmdFolios()
    {
        if (!CanReadPfns() || !File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[madvise]") &&
            !File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[always]"))
            return;     // THP disabled or no PFNs: nothing to observe; the test above covers the refusal
        string path = _files.PathOf("thp.trace");
        var run = CliRunner.Run("capture", "--size", "16M", "--thp", "--out", path);
        Assert.Equal(0, run.ExitCode);
        var pages = PageTrace.Open(path).Materialise();
        // Whether THP could be allocated depends on the machine's fragmentation, so not every page need be in a PMD
        // folio; but the buffer is 2 MiB aligned, so every PMD folio seen must be seen whole, head first, in order.
        for (int i = 0; i < pages.Length; i++)
        {
            if (pages[i].FolioOrder != 9)
                continue;
            Assert.Equal(0, i % 512);
            Assert.All(pages.Skip(i).Take(512).Select((p, k) => (p, k)), x => Assert.Equal(pages[i].Pfn + (ulong)x.k, x.p.Pfn));
            i += 511;
        }
    }

    /// <summary>
    /// An address with no mapping and a mapped page never touched both read "not present" in pagemap; the first is a
    /// wrong --range, the second memory to touch, and capture must say which (it called both "never touched, or
    /// swapped out"). Neither needs root: presence is visible without CAP_SYS_ADMIN, and maps is the caller's own.
    /// </summary>
    [Fact]
    public unsafe void CaptureTellsAnUnmappedRangeFromPagesNeverTouched()
    {
        string pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Page 1 is below mmap_min_addr: never mapped in any process.
        var hole = CliRunner.Run("capture", "--pid", pid, "--range", "0x1000-0x3000", "--out", _files.PathOf("hole.trace"));
        Assert.Equal(2, hole.ExitCode);
        Assert.StartsWith($"benchsuite: 0x1000 is not mapped in process {pid}", Assert.Single(hole.StderrLines));

        // Anonymous memory mapped and never written has no page frames yet. A fresh mmap, not malloc: glibc's dynamic
        // mmap threshold rises after large frees, and malloc then hands out heap memory that earlier tests touched.
        const nuint bytes = 8 << 20;
        void* buffer = Mmap(0, bytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        Assert.True(buffer != (void*)-1, "mmap failed");
        try
        {
            ulong start = (ulong)buffer + (4 << 20);
            var untouched = CliRunner.Run("capture", "--pid", pid, "--range", $"0x{start:x}-0x{start + (1 << 20):x}", "--out", _files.PathOf("untouched.trace"));
            Assert.Equal(2, untouched.ExitCode);
            Assert.Contains("256 of 256 pages in the range have no page frame (256 never touched, 0 swapped out)", Assert.Single(untouched.StderrLines));
        }
        finally
        {
            Munmap(buffer, bytes);
        }
    }

    const int ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    static extern unsafe void* Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    static extern unsafe int Munmap(void* address, nuint length);
}
