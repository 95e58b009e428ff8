namespace BenchSuite.Workloads.Traces;

/// <summary>A page trace that cannot be read, with the file and line that say why.</summary>
public sealed class TraceFormatException(string path, int line, string problem)
    : InputException(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
