namespace BenchSuite.Reports.Charts;

/// <summary>
/// The font every chart is drawn with, shipped in <c>reports/Fonts</c> (DejaVu Sans, under its licence file there).
/// SkiaSharp's NoDependencies native library, which ScottPlot uses, finds no system fonts and then draws no text
/// at all, silently; registering the shipped file makes every machine label its charts the same way.
/// </summary>
static class ChartFonts
{
    public const string Family = "BenchSuite Sans";
    static readonly Lock s_lock = new();
    static bool s_registered;

    public static void Register()
    {
        lock (s_lock)
        {
            if (s_registered)
                return;
            string folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
            foreach ((string file, bool bold) in new[] { ("DejaVuSans.ttf", false), ("DejaVuSans-Bold.ttf", true) })
            {
                string path = Path.Combine(folder, file);
                if (!File.Exists(path))
                    throw new ChartTextException($"{path}: the chart font is missing, so charts could not be labelled (reinstall or rebuild the suite)");
                ScottPlot.Fonts.AddFontFile(Family, path, bold: bold, italic: false);
            }
            ScottPlot.Fonts.Default = Family;
            s_registered = true;
        }
    }
}

/// <summary>A chart that could not be drawn with text: a broken install, reported as one line.</summary>
public sealed class ChartTextException(string message) : IOException(message);
