namespace BenchSuite.Reports.Charts;

/// <summary>
/// Colours and marker shapes by series name, the same in every chart. The colours are Okabe and Ito's eight
/// (distinguishable with the common colour-vision deficiencies); each series also gets its own marker shape, so a
/// grey printout still tells them apart. The six encodings have fixed slots; other names (mappers, "baseline")
/// take the remaining slots in order of first use within a chart.
/// </summary>
public static class Palette
{
    public static readonly IReadOnlyList<string> Colours =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    public static readonly IReadOnlyList<string> Shapes = ["circle", "square", "triangle", "diamond", "down", "cross", "star", "plus"];

    /// <summary>EncodingRegistry's order: scatterlist first, as the baseline every design is compared with.</summary>
    static readonly string[] s_fixed = ["scatterlist", "phyr16", "order8", "rlist", "pagearray", "biovec"];

    /// <summary>The slot of each series of a chart: fixed for the encodings, then the free slots in order.</summary>
    public static IReadOnlyList<int> Slots(IEnumerable<string> names)
    {
        var slots = new List<int>();
        int next = s_fixed.Length;
        foreach (string name in names)
        {
            int fixedSlot = Array.IndexOf(s_fixed, name);
            slots.Add(fixedSlot >= 0 ? fixedSlot : next++ % Colours.Count);
        }
        return slots;
    }
}
