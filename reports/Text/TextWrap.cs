using System.Text;

namespace BenchSuite.Reports.Text;

/// <summary>Word wrapping for chart notes and the plain-text report.</summary>
public static class TextWrap
{
    /// <summary>Lines of at most <paramref name="width"/> characters, split on spaces; a longer word is cut into pieces.</summary>
    public static IEnumerable<string> Lines(string text, int width)
    {
        var line = new StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
            while (line.Length > width)
            {
                yield return line.ToString(0, width);
                line.Remove(0, width);
            }
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
