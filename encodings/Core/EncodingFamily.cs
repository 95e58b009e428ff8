namespace BenchSuite.Encodings;

/// <summary>
/// An encoding family as its own folder describes it: its name, its knobs, and a variant for every combination of
/// the knobs' values (the default, with every knob at its default, first). The registry checks that the variants'
/// names and the knobs agree, so a family cannot name a value it does not build.
/// </summary>
public sealed class EncodingFamily
{
    public EncodingFamily(string name, IReadOnlyList<Knob> knobs, IReadOnlyList<EncodingVariant> variants)
    {
        Name = name;
        Knobs = knobs;
        Variants = variants;
        var expected = knobs.Aggregate((IEnumerable<string>)[name], (names, knob) =>
            names.SelectMany(n => knob.Values.Select(v => v == knob.Default ? n : $"{n}@{knob.Name}={v}"))).ToHashSet();
        var actual = variants.Select(v => v.Name).ToList();
        if (!expected.SetEquals(actual) || actual.Count != expected.Count || actual[0] != name)
            throw new InvalidOperationException($"family {name}: variants [{string.Join(", ", actual)}] are not one per combination of its knobs "
                + $"[{string.Join(", ", expected)}], the default first");
    }

    public string Name { get; }

    public IReadOnlyList<Knob> Knobs { get; }

    /// <summary>Every variant, the default first.</summary>
    public IReadOnlyList<EncodingVariant> Variants { get; }

    public EncodingVariant Default => Variants[0];

    /// <summary>Where the structure comes from: the mainline release that merged it, or the proposal that never was (the report's origins table).</summary>
    public string Origin { get; init; } = "";
}
