namespace BenchSuite.Bench.Verbs;

/// <summary>Help text: one block per verb, printed by <c>help [VERB]</c> and <c>VERB --help</c>.</summary>
public static class Usage
{
    public static IReadOnlyList<string> Verbs { get; } = ["run", "density", "report", "capture", "list"];

    const string Header = """
        benchsuite: how should the kernel describe lists of physical memory ranges? Measured.
        usage: dotnet run -c Release --project bench -- <verb> [options]   (no verb: run --profile quick)
        """;

    public static int Print(string? verb)
    {
        string? block = verb switch
        {
            "run" => RunVerb.Usage,
            "density" => DensityVerb.Usage,
            "report" => ReportVerb.Usage,
            "capture" => CaptureVerb.Usage,
            "list" => ListVerb.Usage,
            _ => null,
        };
        Console.WriteLine(block ?? Header + "\n\n" + string.Join("\n\n", RunVerb.Usage, DensityVerb.Usage, ReportVerb.Usage, CaptureVerb.Usage, ListVerb.Usage));
        return 0;
    }
}
