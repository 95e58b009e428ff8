using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Traces;

/// <summary>
/// Writes page traces. Physically adjacent pages with the same folio order and owner are written as one line,
/// so a 1 GiB hugetlb buffer is one line and 4 KiB scatter is one line per page.
/// The file appears under its name only when complete (written to a temporary name, then renamed).
/// </summary>
public static class PageTraceWriter
{
    public static void Write(string path, uint firstOffset, ulong lengthBytes, IEnumerable<Extent> extents, IEnumerable<string>? comments = null)
    {
        if (Directory.Exists(path))
            throw new InputException($"{path}: is a directory; give the trace file's name");
        string temporary = $"{path}.tmp-{Environment.ProcessId}";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)))
            {
                Write(writer, firstOffset, lengthBytes, extents, comments);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
            throw;
        }
    }

    public static void Write(TextWriter writer, uint firstOffset, ulong lengthBytes, IEnumerable<Extent> extents, IEnumerable<string>? comments = null)
    {
        writer.NewLine = "\n";
        writer.WriteLine(PageTraceFormat.Magic);
        foreach (string comment in comments ?? [])
            writer.WriteLine($"# {comment}");
        writer.WriteLine($"# page_size {Page.Size}");
        writer.WriteLine($"# offset {firstOffset}");
        writer.WriteLine($"# length {lengthBytes}");
        foreach (Extent line in Coalesce(extents))
            writer.WriteLine(PageTraceFormat.FormatExtent(line));
    }

    /// <summary>Joins consecutive extents that continue each other physically with the same order and owner.</summary>
    public static IEnumerable<Extent> Coalesce(IEnumerable<Extent> extents)
    {
        Extent? open = null;
        foreach (Extent e in extents)
        {
            if (e.Pages == 0)
                continue;
            if (open is { } o && o.EndPfn == e.Pfn && o.FolioOrder == e.FolioOrder && o.Provider == e.Provider)
            {
                open = o with { Pages = o.Pages + e.Pages };
                continue;
            }
            if (open is { } done)
                yield return done;
            open = e;
        }
        if (open is { } last)
            yield return last;
    }
}
