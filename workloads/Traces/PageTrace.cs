using BenchSuite.Encodings;
using BenchSuite.Workloads.Memory;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Traces;

/// <summary>
/// Reads page traces (<see cref="PageTraceFormat"/>). <see cref="Open"/> checks the whole file first, in a streaming
/// pass that keeps only counts, so every error surfaces before anything is built; the page list it returns streams
/// the file again each time it is walked, so a trace of any size costs one line of memory.
/// </summary>
public static class PageTrace
{
    public static PageList Open(string path)
    {
        TraceSummary summary = Scan(path);
        if (summary.Bars.Count > 0 || !summary.Folios.IsEmpty)
            CheckRamPages(path, summary.Bars, summary.Folios);
        return new PageList($"trace:{path}", summary.Offset, summary.Length, summary.Bars,
            () => Lines(path).Where(l => l.IsExtent).Select(l => l.Extent));
    }

    sealed record TraceSummary(uint Offset, ulong Length, IReadOnlyList<BarWindow> Bars, FolioSpans Folios);

    /// <summary>Pass one: syntax, headers, page count, and each provider's PFN window.</summary>
    static TraceSummary Scan(string path)
    {
        ulong offset = 0, pages = 0;
        ulong? length = null;
        int lengthLine = 0, lastLine = 1;
        var windows = new SortedDictionary<int, (ulong First, ulong End, int Line)>();
        var headers = new Dictionary<string, int>();
        var folios = new FolioSpans();

        foreach (TraceLine line in Lines(path))
        {
            lastLine = line.Number;
            if (!line.IsExtent)
            {
                if (pages > 0)
                    throw new TraceFormatException(path, line.Number, $"'# {line.Key}' must come before the first page line");
                if (!headers.TryAdd(line.Key!, line.Number))
                    throw new TraceFormatException(path, line.Number, $"'# {line.Key}' is given again (first on line {headers[line.Key!]})");
                if (!PageTraceFormat.TryParseNumber(line.Value, out ulong value))
                    throw new TraceFormatException(path, line.Number, $"{line.Key} {PageTraceFormat.Quote(line.Value)} is not a number");
                switch (line.Key)
                {
                    case "page_size" when value != Page.Size:
                        throw new TraceFormatException(path, line.Number, $"page_size {value} is not supported; only {Page.Size}");
                    case "offset" when value >= Page.Size:
                        throw new TraceFormatException(path, line.Number, $"offset {value} must be below the page size {Page.Size}");
                    case "offset":
                        offset = value;
                        break;
                    case "length" when value == 0:
                        throw new TraceFormatException(path, line.Number, "length 0: a trace describes at least one byte");
                    case "length":
                        (length, lengthLine) = (value, line.Number);
                        break;
                }
                continue;
            }

            Extent e = line.Extent;
            if (e.Provider == 0 && e.FolioOrder > 0)
                folios.Add(e, line.Number);
            pages += e.Pages;
            if (e.Provider != 0)
            {
                windows[e.Provider] = windows.TryGetValue(e.Provider, out var w)
                    ? (Math.Min(w.First, e.Pfn), Math.Max(w.End, e.EndPfn), w.Line)
                    : (e.Pfn, e.EndPfn, line.Number);
            }
        }

        if (pages == 0)
            throw new TraceFormatException(path, lastLine, "no page lines; a trace lists at least one page");
        ulong total = length ?? pages * Page.Size - offset;
        ulong spanned = Page.PagesSpanned((uint)offset, total);
        if (spanned != pages)
            throw new TraceFormatException(path, lengthLine,
                $"offset {offset} and length {total} span {spanned} pages, but the trace lists {pages}");

        var bars = windows.Select(p => new BarWindow(p.Key, p.Value.First, p.Value.End - p.Value.First)).OrderBy(b => b.FirstPfn).ToList();
        for (int i = 1; i < bars.Count; i++)
        {
            if (bars[i - 1].EndPfn > bars[i].FirstPfn)
                throw new TraceFormatException(path, windows[bars[i].Provider].Line,
                    $"PFNs of p2p:{bars[i].Provider} overlap those of p2p:{bars[i - 1].Provider}; providers own separate BARs");
        }
        folios.Seal(path);
        return new TraceSummary((uint)offset, total, bars, folios);
    }

    /// <summary>
    /// Pass two, only for traces with P2P lines or large folios: a RAM page cannot sit inside a provider's BAR, nor a
    /// page of order 0 inside a folio another line gives a larger order.
    /// </summary>
    static void CheckRamPages(string path, IReadOnlyList<BarWindow> bars, FolioSpans folios)
    {
        foreach (TraceLine line in Lines(path))
        {
            if (!line.IsExtent || line.Extent.Provider != 0)
                continue;
            if (line.Extent.FolioOrder == 0 && !folios.IsEmpty)
                folios.Check(path, line.Extent, line.Number);
            foreach (BarWindow bar in bars)
            {
                if (line.Extent.Pfn < bar.EndPfn && bar.FirstPfn < line.Extent.EndPfn)
                    throw new TraceFormatException(path, line.Number,
                        $"RAM pages 0x{line.Extent.Pfn:x}+{line.Extent.Pages} fall inside the BAR of p2p:{bar.Provider} (PFNs 0x{bar.FirstPfn:x}..0x{bar.EndPfn:x})");
            }
        }
    }

    readonly record struct TraceLine(int Number, Extent Extent, string? Key, string Value)
    {
        public bool IsExtent => Key is null;
    }

    /// <summary>The longest line a trace may have: a page line is under 60 characters, a comment a screen wide.</summary>
    public const int MaxLineChars = 4096;

    /// <summary>Header and page lines with their numbers; comments and blank lines skipped; syntax errors thrown.</summary>
    static IEnumerable<TraceLine> Lines(string path)
    {
        using StreamReader reader = OpenReader(path);
        var buffer = new System.Text.StringBuilder();
        string? first = ReadLine(reader, buffer, path, 1);
        if (first is null)
            throw new TraceFormatException(path, 1, $"empty file; a page trace starts with '{PageTraceFormat.Magic}'");
        if (first.TrimEnd() != PageTraceFormat.Magic)
            throw new TraceFormatException(path, 1, $"not a page trace: the first line must be '{PageTraceFormat.Magic}'");

        int number = 1;
        while (ReadLine(reader, buffer, path, number + 1) is { } text)
        {
            number++;
            string line = text.Trim();
            if (line.Length == 0)
                continue;
            if (line[0] == '#')
            {
                if (PageTraceFormat.ParseHeader(line) is (string key, string value))
                    yield return new TraceLine(number, default, key, value);
                continue;
            }
            string? problem = PageTraceFormat.TryParseExtent(line, out Extent extent);
            if (problem is not null)
                throw new TraceFormatException(path, number, problem);
            yield return new TraceLine(number, extent, null, "");
        }
    }

    /// <summary>
    /// The next line, at most <see cref="MaxLineChars"/> long: a file without line ends (a device, a binary) is refused
    /// at its first long line instead of being read into memory whole.
    /// </summary>
    static string? ReadLine(StreamReader reader, System.Text.StringBuilder buffer, string path, int number)
    {
        buffer.Clear();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n')
                return buffer.ToString().TrimEnd('\r');
            if (buffer.Length == MaxLineChars)
                throw new TraceFormatException(path, number, $"line longer than {MaxLineChars} characters; not a page trace");
            buffer.Append((char)c);
        }
        return buffer.Length > 0 ? buffer.ToString().TrimEnd('\r') : null;
    }

    /// <summary>
    /// The trace as a regular file with something in it: it is read twice (checked, then streamed), which a pipe or a
    /// FIFO cannot give (a second open waits for a writer forever), and a device may never end. Links are followed.
    /// </summary>
    static StreamReader OpenReader(string path)
    {
        if (Directory.Exists(path))
            throw new TraceFormatException(path, 0, "is a directory, not a trace file");
        var file = new FileInfo(path);
        if (file.Exists && file.LinkTarget is not null)
            file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
        if (File.Exists(path) && file is not { Exists: true, Length: > 0 })
            throw new TraceFormatException(path, 0, $"empty, or not a regular file (a pipe, FIFO or device); a page trace is a file starting with '{PageTraceFormat.Magic}'");
        try
        {
            return new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: false));
        }
        catch (FileNotFoundException)
        {
            throw new TraceFormatException(path, 0, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new TraceFormatException(path, 0, "no such file (its directory does not exist)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceFormatException(path, 0, $"cannot read: {e.Message}");
        }
    }
}
