namespace BenchSuite.Reports.Results;

/// <summary>
/// What went wrong with a file or folder, in words, for the one line a bad environment gets: .NET's messages name
/// temporary paths (<c>batch.json.tmp-PID</c>) and say "could not find a part of the path" where a file stands in a
/// folder's place. On Linux an <see cref="IOException"/>'s HResult is the errno.
/// </summary>
public static class IoProblem
{
    /// <summary>The problem with <paramref name="path"/>, as <c>PATH: cannot ACTION (reason)</c>.</summary>
    public static IOException Of(string path, string action, Exception e) =>
        new($"{path}: cannot {action} ({Reason(path, e)})", e);

    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>Why <paramref name="e"/> happened to <paramref name="path"/> (null for a stream, such as standard output).</summary>
    public static string Reason(string? path, Exception e)
    {
        if (e is UnauthorizedAccessException)
            return "permission denied";
        if (e is DirectoryNotFoundException or FileNotFoundException || e.HResult is ENOENT or ENOTDIR)
            return path is not null && FileInPlaceOfFolder(path) is { } file ? $"{file} is a file, not a folder" : "a folder on its path does not exist";
        return e.HResult switch
        {
            ENOSPC => "no space left on device",
            EDQUOT => "disk quota exceeded",
            EROFS => "read-only file system",
            EACCES or EPERM => "permission denied",
            EISDIR => "it is a folder",
            EIO => "input/output error",
            _ => e.Message,
        };
    }

    const int EPERM = 1, ENOENT = 2, EIO = 5, EACCES = 13, ENOTDIR = 20, EISDIR = 21, ENOSPC = 28, EROFS = 30, EDQUOT = 122;

    /// <summary>The nearest existing ancestor of <paramref name="path"/> when it is a file (<c>--out FILE/sub</c>).</summary>
    static string? FileInPlaceOfFolder(string path)
    {
        for (string? p = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
                return p;
            if (Directory.Exists(p))
                return null;
        }
        return null;
    }
}
