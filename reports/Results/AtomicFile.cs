using System.Text;

namespace BenchSuite.Reports.Results;

/// <summary>
/// Writes whole files or nothing (DESIGN.md §5): the text goes to a temporary file beside the target, is flushed to
/// disk, and is renamed over it, so a killed batch leaves either the old file or the new one, never half of one.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string temporary = $"{path}.tmp-{Environment.ProcessId}";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
