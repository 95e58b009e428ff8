using BenchSuite.Bench.Batch;
using BenchSuite.Encodings;
using BenchSuite.Bench.Cli;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>list</c>: every encoding (with its knobs), scenario, mapper, operation and profile, one line each.</summary>
public static class ListVerb
{
    public const string Usage = """
        list [--verbose]
          Names every encoding, scenario, DMA mapper, device preset, benchmark operation and batch profile with a
          one-line description.
          --verbose  also prints each scenario's parameters and where they come from
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("list", args, [], ["verbose"]);
        a.NoPositionals();
        bool verbose = a.Flag("verbose");

        Console.WriteLine("encodings (a variant is FAMILY@KNOB=VALUE, several knobs joined by @; KNOB=* takes every value):");
        int familyWidth = EncodingRegistry.Names.Max(n => n.Length);
        foreach (EncodingFamily family in EncodingRegistry.Families)
        {
            Console.WriteLine($"  {family.Name.PadRight(familyWidth)}  {family.Default.Description}");
            foreach (Knob knob in family.Knobs)
                Console.WriteLine($"  {"".PadRight(familyWidth)}    @{knob.Name}={string.Join("|", knob.Values)} (default {knob.Default}): {knob.Description}");
        }
        Console.WriteLine("scenarios:");
        int width = ScenarioCatalog.Names.Append(ScenarioCatalog.TracePrefix + "FILE").Max(n => n.Length);
        foreach (Scenario s in ScenarioCatalog.All)
        {
            Console.WriteLine($"  {s.Name.PadRight(width)}  {s.Description}");
            if (verbose)
            {
                Console.WriteLine($"  {"".PadRight(width)}    parameters: {s.Model.Summary()}");
                Console.WriteLine($"  {"".PadRight(width)}    source: {s.Calibration}");
            }
        }
        Console.WriteLine($"  {(ScenarioCatalog.TracePrefix + "FILE").PadRight(width)}  a captured page trace (see capture); its own size, offset and folio orders");
        Section("mappers", MapperCatalog.All.Select(m => (m.Name, m.Description)));
        Console.WriteLine("devices (--device):");
        int deviceWidth = DevicePreset.Names.Max(n => n.Length);
        foreach (DevicePreset d in DevicePreset.All)
        {
            string indent = "".PadRight(deviceWidth);
            Console.WriteLine($"  {d.Name.PadRight(deviceWidth)}  {d.Limits}");
            if (d.Limits.Queue != BlockQueue.None)
                Console.WriteLine($"  {indent}  {BlockQueues.Describe(d.Limits.Queue)}");
            Console.WriteLine($"  {indent}    {d.Source}");
        }
        Section("operations", BatchOperation.All.Select(o => (o.Id, o.Description)));
        Section("profiles", BatchProfile.All.Select(p => (p.Name, p.Description)));
        return 0;
    }

    static void Section(string title, IEnumerable<(string Name, string Description)> items)
    {
        var list = items.ToList();
        int width = list.Max(i => i.Name.Length);
        Console.WriteLine($"{title}:");
        foreach ((string name, string description) in list)
            Console.WriteLine($"  {name.PadRight(width)}  {description}");
    }
}
