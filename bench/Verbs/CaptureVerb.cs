using System.Globalization;
using BenchSuite.Bench.Cli;
using BenchSuite.Reports.Results;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Capture;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Traces;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>capture</c>: writes a page trace of real memory from /proc/PID/pagemap and /proc/kpageflags.</summary>
public static class CaptureVerb
{
    public const string Usage = """
        capture --size 64M [--thp] [--churn 4G] [--out FILE]
        capture --pid PID --range START-END [--out FILE]
          Writes a page trace (DESIGN.md §5) of real physical memory. Needs root (CAP_SYS_ADMIN) to see PFNs.
          --size    map and touch this much anonymous memory (advised MADV_NOHUGEPAGE, or MADV_HUGEPAGE with --thp)
          --churn   first fill this much memory and free every other page, so the buffer comes from fragmented free lists
          --pid     read another process's pages instead; --range is its virtual range, hex or decimal, end exclusive
          --out     trace file to write (default capture.trace)
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("capture", args, ["size", "churn", "out", "pid", "range"], ["thp"]);
        a.NoPositionals();
        string output = a.Value("out") ?? "capture.trace";

        CapturedLayout layout;
        if (a.Has("pid"))
        {
            if (a.Has("size") || a.Flag("thp") || a.Has("churn"))
                throw new InputException("capture: --pid reads an existing range; --size, --thp and --churn apply only to a buffer capture makes");
            if (!int.TryParse(a.Value("pid"), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid <= 0)
                throw new InputException($"capture: --pid '{a.Value("pid")}' is not a process id");
            (ulong start, ulong end) = ParseRange(a.Value("range") ?? throw new InputException("capture: --pid needs --range START-END"));
            layout = MemoryCapture.CaptureProcess(pid, start, end);
        }
        else
        {
            if (a.Has("range"))
                throw new InputException("capture: --range needs --pid");
            ulong size = ByteSize.Parse(a.Value("size") ?? throw new InputException("capture: give --size (a buffer to capture) or --pid and --range"), "--size");
            ulong churn = a.Has("churn") ? ByteSize.Parse(a.Value("churn")!, "--churn") : 0;
            layout = MemoryCapture.CaptureSelf(size, a.Flag("thp"), churn);
        }

        List<Extent> lines = PageTraceWriter.Coalesce(layout.Extents).ToList();
        ulong contiguousRuns = (ulong)lines.Count - (ulong)lines.Zip(lines.Skip(1)).Count(p => p.First.EndPfn == p.Second.Pfn);
        try
        {
            PageTraceWriter.Write(output, layout.FirstOffset, layout.LengthBytes, lines,
                [$"captured {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} on {Environment.MachineName}, kernel {Environment.OSVersion.Version}: {layout.Description}",
                 $"{layout.Pages} pages, {contiguousRuns} physically contiguous runs"]);
        }
        catch (Exception e) when (IoProblem.Is(e))
        {
            throw IoProblem.Of(output, "write the trace", e);
        }

        string orders = string.Join(", ", layout.Extents.GroupBy(e => e.FolioOrder).OrderBy(g => g.Key)
            .Select(g => $"order {g.Key}: {g.Aggregate(0UL, (n, e) => n + e.Pages)} pages"));
        Console.WriteLine($"wrote {output}: {layout.Pages} pages, {lines.Count} lines, {contiguousRuns} contiguous runs " +
                          $"(mean {(double)layout.Pages / contiguousRuns:F1} pages per run); {orders}");
        return 0;
    }

    static (ulong Start, ulong End) ParseRange(string text)
    {
        string[] parts = text.Split('-');
        if (parts.Length != 2 || !PageTraceFormat.TryParseNumber(parts[0], out ulong start) || !PageTraceFormat.TryParseNumber(parts[1], out ulong end))
            throw new InputException($"capture: --range '{text}' is not START-END (addresses in hex with 0x, or decimal)");
        if (end <= start)
            throw new InputException($"capture: --range '{text}' ends before it starts");
        // The pagemap words of the range are read into memory (8 B per page): 64 GiB of range is 128 MiB of them.
        if (end - start > MaxRangeBytes)
            throw new InputException($"capture: --range '{text}' spans {ByteSize.Format(end - start)}; capture at most {ByteSize.Format(MaxRangeBytes)} at a time");
        return (start, end);
    }

    const ulong MaxRangeBytes = 64UL << 30;
}
