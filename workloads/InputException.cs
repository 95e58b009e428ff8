namespace BenchSuite.Workloads;

/// <summary>
/// Bad user input: an unknown name, an impossible size, a malformed trace. The CLI prints <see cref="Exception.Message"/>
/// as its one line and exits 2, so the message must say what and where (for files, <c>FILE:LINE: problem</c>).
/// </summary>
public class InputException(string message) : Exception(message);
