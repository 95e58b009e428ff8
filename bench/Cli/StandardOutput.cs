using System.Text;
using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Cli;

/// <summary>
/// Standard output that says it is standard output when it cannot be written (redirected to a full disk, or to
/// <c>/dev/full</c>): .NET's own message is only "No space left on device".
/// </summary>
sealed class StandardOutput(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        try { inner.Write(value); } catch (IOException e) { throw Named(e); }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        try { inner.Write(buffer, index, count); } catch (IOException e) { throw Named(e); }
    }

    public override void Write(string? value)
    {
        try { inner.Write(value); } catch (IOException e) { throw Named(e); }
    }

    public override void WriteLine(string? value)
    {
        try { inner.WriteLine(value); } catch (IOException e) { throw Named(e); }
    }

    public override void Flush()
    {
        try { inner.Flush(); } catch (IOException e) { throw Named(e); }
    }

    static IOException Named(IOException e) => new($"standard output: cannot write ({IoProblem.Reason(null, e)})", e);
}
