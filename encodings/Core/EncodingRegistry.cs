using BenchSuite.Encodings.BioVec;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.PageArray;
using BenchSuite.Encodings.Phyr16;
using BenchSuite.Encodings.PhysVec;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;

namespace BenchSuite.Encodings;

/// <summary>
/// Every encoding family and variant under test, in report order: each family is described once, in its own folder
/// (<c>ScatterlistFamily</c>, <c>RlistFamily</c>...), and the CLI, <c>list</c>, the reference model, the reports and
/// the tests read it from here. A name is a family (its default), or <c>FAMILY@KNOB=VALUE</c> with knobs in any
/// order; <c>FAMILY@KNOB=*</c> takes every value of a knob (<see cref="Expand"/>).
/// </summary>
public static class EncodingRegistry
{
    public static IReadOnlyList<EncodingFamily> Families { get; } =
        [ScatterlistFamily.Family, Phyr16Family.Family, Order8Family.Family, RlistFamily.Family, PhysVecFamily.Family, PageArrayFamily.Family, BioVecFamily.Family];

    /// <summary>The families' defaults: what runs when no encoding is named.</summary>
    public static IReadOnlyList<string> Names { get; } = Families.Select(f => f.Name).ToList();

    /// <summary>Every variant of every family.</summary>
    public static IReadOnlyList<EncodingVariant> All { get; } = Families.SelectMany(f => f.Variants).ToList();

    public static bool Contains(string name) => TryFind(name) is not null;

    /// <summary>The variant a name means, with its knobs in any order and defaults spelt out or not.</summary>
    public static EncodingVariant Find(string name) => TryFind(name)
        ?? throw new ArgumentException(Unknown(name));

    public static EncodingVariant? TryFind(string name)
    {
        string[] parts = name.Split('@');
        EncodingFamily? family = Families.FirstOrDefault(f => f.Name == parts[0]);
        if (family is null)
            return null;
        var settings = new Dictionary<string, string>();
        foreach (string part in parts.Skip(1))
        {
            string[] kv = part.Split('=', 2);
            Knob? knob = family.Knobs.FirstOrDefault(k => k.Name == kv[0]);
            if (knob is null || kv.Length != 2 || !knob.Values.Contains(kv[1]) || !settings.TryAdd(kv[0], kv[1]))
                return null;
        }
        string canonical = family.Name + string.Concat(family.Knobs
            .Where(k => settings.TryGetValue(k.Name, out string? v) && v != k.Default)
            .Select(k => $"@{k.Name}={settings[k.Name]}"));
        return family.Variants.FirstOrDefault(v => v.Name == canonical);
    }

    /// <summary>
    /// The variants a command-line name stands for: one, or with <c>KNOB=*</c> one per value of that knob (the others
    /// as given). Canonical names, in the family's order.
    /// </summary>
    public static IReadOnlyList<string> Expand(string name)
    {
        if (!name.Contains("=*", StringComparison.Ordinal))
            return [Find(name).Name];
        string[] parts = name.Split('@');
        EncodingFamily family = Families.FirstOrDefault(f => f.Name == parts[0]) ?? throw new ArgumentException(Unknown(name));
        IEnumerable<string> names = [parts[0]];
        foreach (string part in parts.Skip(1))
        {
            string[] kv = part.Split('=', 2);
            Knob knob = family.Knobs.FirstOrDefault(k => k.Name == kv[0]) ?? throw new ArgumentException(Unknown(name));
            names = kv.Length == 2 && kv[1] == "*"
                ? names.SelectMany(n => knob.Values.Select(v => $"{n}@{knob.Name}={v}"))
                : names.Select(n => $"{n}@{part}");
        }
        var found = names.Select(Find).ToHashSet();
        return family.Variants.Where(found.Contains).Select(v => v.Name).ToList();
    }

    public static TResult Visit<TResult>(string name, IEncodingVisitor<TResult> visitor) => Find(name).Accept(visitor);

    public static string Description(string name) => Find(name).Description;

    static string Unknown(string name)
    {
        string family = name.Split('@')[0];
        var known = Families.FirstOrDefault(f => f.Name == family);
        return known is null
            ? $"unknown encoding '{name}'; known: {string.Join(", ", Names)} (list shows their knobs)"
            : $"unknown variant '{name}'; {family}'s knobs: " + (known.Knobs.Count == 0 ? "none"
                : string.Join("; ", known.Knobs.Select(k => $"{k.Name}={string.Join("|", k.Values)} (default {k.Default})")));
    }
}
