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
        string temporary = TemporaryOf(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e)
        {
            // A full disk, or a directory where the file should go: leave nothing half-written behind.
            if (File.Exists(temporary))
                File.Delete(temporary);
            if (IoProblem.Is(e))
                throw IoProblem.Of(path, "write", e);
            throw;
        }
    }

    /// <summary>Where <paramref name="path"/> is written before it is renamed into place.</summary>
    public static string TemporaryOf(string path) => $"{path}{TemporaryMarker}{Environment.ProcessId}";

    public const string TemporaryMarker = ".tmp-";

    /// <summary>
    /// Removes what killed writers left under <paramref name="directory"/> (<c>*.tmp-PID</c> files, and report
    /// folders being built or replaced): call it only while holding the folder, so no live writer's file is taken.
    /// </summary>
    public static void RemoveLeftovers(string directory)
    {
        foreach (string folder in Directory.EnumerateDirectories(directory, $"*{TemporaryMarker}*", SearchOption.TopDirectoryOnly))
            Directory.Delete(folder, recursive: true);
        foreach (string file in Directory.EnumerateFiles(directory, $"*{TemporaryMarker}*", SearchOption.AllDirectories))
            File.Delete(file);
    }
}
