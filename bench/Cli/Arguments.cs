using BenchSuite.Workloads;

namespace BenchSuite.Bench.Cli;

/// <summary>
/// One verb's parsed command line: <c>--name value</c> options (repeatable), <c>--flag</c> switches and positionals.
/// Every option a verb accepts is declared, so a typo is an error that names the verb's options, not a silent default.
/// </summary>
public sealed class Arguments
{
    readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    Arguments(string verb) => Verb = verb;

    public string Verb { get; }
    public List<string> Positionals { get; } = [];

    public static Arguments Parse(string verb, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags)
    {
        var parsed = new Arguments(verb);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Positionals.Add(arg);
                continue;
            }
            string name = arg[2..], value = "";
            int eq = name.IndexOf('=');
            bool inline = eq >= 0;
            if (inline)
                (name, value) = (name[..eq], name[(eq + 1)..]);
            if (flags.Contains(name))
            {
                if (inline)
                    throw new InputException($"{verb}: option '--{name}' is a switch and takes no value (write --{name} alone)");
                parsed._flags.Add(name);
                continue;
            }
            if (!valueOptions.Contains(name))
            {
                string known = string.Join(", ", valueOptions.Concat(flags).Order().Select(o => "--" + o));
                throw new InputException($"{verb}: unknown option '--{name}'" + (known.Length > 0 ? $"; {verb} takes {known}" : $"; {verb} takes no options"));
            }
            if (!inline)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new InputException($"{verb}: option '--{name}' needs a value");
                value = args[++i];
            }
            if (string.IsNullOrWhiteSpace(value))
                throw new InputException($"{verb}: option '--{name}' needs a value (it was given an empty one)");
            if (!parsed._values.TryGetValue(name, out List<string>? list))
                parsed._values[name] = list = [];
            list.Add(value);
        }
        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's value (the last one if repeated), or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out List<string>? v) ? v[^1] : null;

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out List<string>? v) ? v : [];

    /// <summary>A comma-separated list (also repeatable): <c>--encodings a,b --encodings c</c> is a, b, c.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var items = Values(name).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        // Given but empty (",") is not "all", the default of an option not given at all.
        return items.Count > 0 || !Has(name) ? items : throw new InputException($"{Verb}: option '--{name}' lists nothing");
    }

    public void NoPositionals()
    {
        if (Positionals.Count > 0)
            throw new InputException($"{Verb}: unexpected argument '{Positionals[0]}'");
    }

    /// <summary>A seed option's value: a non-negative integer.</summary>
    public static ulong ParseSeed(string text, string option) =>
        ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new InputException($"--{option} '{text}' is not a non-negative integer");
}
