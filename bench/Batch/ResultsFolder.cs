using BenchSuite.Reports.Model;
using BenchSuite.Reports.Results;
using BenchSuite.Workloads;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// One batch's folder (DESIGN.md §5): <c>environment.json</c>, <c>batch.json</c>, <c>density.json</c> and
/// BenchmarkDotNet's full JSON export of each case under <c>bdn/</c>. Every file is written atomically.
/// </summary>
public sealed class ResultsFolder
{
    ResultsFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string BdnDirectory => System.IO.Path.Combine(Path, "bdn");
    public string BatchPath => System.IO.Path.Combine(Path, BatchFile.FileName);
    public string EnvironmentPath => System.IO.Path.Combine(Path, EnvironmentFile.FileName);
    public string DensityPath => System.IO.Path.Combine(Path, DensityFile.FileName);

    /// <summary>The density of the batch's page lists built and mapped for one device preset (claim C6).</summary>
    public string DeviceDensityPath(string device) => System.IO.Path.Combine(Path, BatchResults.DeviceDensityFileName(device));
    public string SweepPath => System.IO.Path.Combine(Path, BatchResults.SweepFileName);
    public string ChunkFillPath => System.IO.Path.Combine(Path, ChunkFillFile.FileName);

    /// <summary>The default place of a new batch: <c>artifacts/yyyyMMdd-HHmmss-profile</c> under the current directory.</summary>
    public static string DefaultPath(string profile, DateTimeOffset now) =>
        System.IO.Path.Combine("artifacts", $"{now.ToLocalTime():yyyyMMdd-HHmmss}-{profile}");

    /// <summary>A new folder; an existing non-empty one is refused, so two batches never mix.</summary>
    public static ResultsFolder Create(string path)
    {
        if (File.Exists(path))
            throw new InputException($"{path}: is a file; --out names the results folder to create");
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            throw new InputException(File.Exists(System.IO.Path.Combine(path, BatchFile.FileName))
                ? $"{path}: already exists and is not empty; choose another --out, or finish that batch with run --resume {path}"
                : $"{path}: already exists and is not empty, and holds no {BatchFile.FileName} (not a batch, or one stopped as it began); choose another --out, or remove it");
        var folder = new ResultsFolder(path);
        try
        {
            Directory.CreateDirectory(folder.BdnDirectory);
        }
        catch (Exception e) when (IoProblem.Is(e))
        {
            throw IoProblem.Of(path, "create the results folder", e);
        }
        return folder;
    }

    /// <summary>An existing batch's folder, for <c>run --resume</c> and <c>report</c>.</summary>
    public static ResultsFolder Open(string path)
    {
        var folder = new ResultsFolder(path);
        if (!File.Exists(folder.BatchPath))
            throw new InputException($"{path}: not a results folder (no {BatchFile.FileName})");
        try
        {
            Directory.CreateDirectory(folder.BdnDirectory);
        }
        catch (Exception e) when (IoProblem.Is(e))
        {
            throw IoProblem.Of(folder.BdnDirectory, "create", e);
        }
        return folder;
    }

    /// <summary>flock's answer when another process holds the lock (.NET passes the errno as the HResult).</summary>
    const int EWOULDBLOCK = 11;

    /// <summary>The lock file of a folder being written by a run.</summary>
    public const string LockFileName = ".lock";

    /// <summary>
    /// Takes the folder for writing, for the life of the returned handle or of the process: an exclusive lock on
    /// <see cref="LockFileName"/> (flock on Linux), which the kernel releases when the process ends, even by SIGKILL.
    /// A second writer (another run or resume, or the benchmark process a killed <c>dotnet run</c> left behind) is
    /// refused, so two writers never lose or duplicate each other's results.
    /// </summary>
    public IDisposable LockForWriting()
    {
        FileStream held;
        try
        {
            held = new FileStream(System.IO.Path.Combine(Path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult == EWOULDBLOCK)
        {
            throw new InputException($"{Path}: another process is writing this results folder (a run or resume, or the benchmark "
                + $"process of a killed dotnet run); when it has ended, run --resume {Path}");
        }
        catch (Exception e) when (IoProblem.Is(e))
        {
            throw IoProblem.Of(Path, "write this results folder", e);
        }
        AtomicFile.RemoveLeftovers(Path);
        return held;
    }

    public BatchFile ReadBatch() => Read(() => BatchFile.Read(BatchPath));

    public EnvironmentFile ReadEnvironment() => Read(() => EnvironmentFile.Read(EnvironmentPath));

    public IReadOnlyList<DensityRow> ReadDensity() => Read(() => DensityFile.Deserialize(File.ReadAllText(DensityPath), DensityPath));

    public void Write(BatchFile batch) => AtomicFile.WriteAllText(BatchPath, batch.Serialize() + "\n");

    public void Write(EnvironmentFile environment) => AtomicFile.WriteAllText(EnvironmentPath, environment.Serialize() + "\n");

    static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new InputException(e.Message);
        }
    }
}
