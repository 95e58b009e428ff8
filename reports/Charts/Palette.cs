using BenchSuite.Encodings;

namespace BenchSuite.Reports.Charts;

/// <summary>
/// A series' colour and marker shape, as indices into <see cref="Palette.Colours"/> and <see cref="Palette.Shapes"/>,
/// and its variant's index in its family (0 for the default), which lightens a bar, where a marker's shape cannot show.
/// </summary>
public readonly record struct SeriesStyle(int Colour, int Shape, int Variant = 0);

/// <summary>
/// Colours and marker shapes by series name, the same in every chart. The colours are Okabe and Ito's eight
/// (distinguishable with the common colour-vision deficiencies). An encoding family has its colour, in the
/// registry's order (scatterlist first, the baseline every design is compared with), and each variant of it its own
/// marker, so a grey printout still tells them apart. Other names (mappers, "baseline") take the remaining colours
/// in order of first use within a chart.
/// </summary>
public static class Palette
{
    public static readonly IReadOnlyList<string> Colours =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public static readonly IReadOnlyList<string> Shapes = ["circle", "square", "triangle", "diamond", "down", "cross", "star", "plus"];

    public static IReadOnlyList<SeriesStyle> Styles(IEnumerable<string> names)
    {
        var styles = new List<SeriesStyle>();
        int next = EncodingRegistry.Families.Count;
        foreach (string name in names)
        {
            if (EncodingRegistry.TryFind(name) is { } variant)
            {
                int family = EncodingRegistry.Families.Select(f => f.Name).ToList().IndexOf(variant.Family);
                int index = EncodingRegistry.Families[family].Variants.ToList().IndexOf(variant);
                styles.Add(new SeriesStyle(family % Colours.Count, (family + index) % Shapes.Count, index));
            }
            else
            {
                styles.Add(new SeriesStyle(next % Colours.Count, next % Shapes.Count));
                next++;
            }
        }
        return styles;
    }
}
