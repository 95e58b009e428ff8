using BenchSuite.Bench.Cli;
using BenchSuite.Bench.Verbs;
using BenchSuite.Workloads;

// DESIGN.md §6. Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 unexpected failure.
Console.SetOut(new StandardOutput(Console.Out));
string verb = args.Length == 0 ? "run" : args[0];
string[] rest = args.Length == 0 ? [] : args[1..];
try
{
    if (rest.Contains("--help") || rest.Contains("-h"))
        return Usage.Print(verb);
    return verb switch
    {
        "list" => ListVerb.Run(rest),
        "density" => DensityVerb.Run(rest),
        "capture" => CaptureVerb.Run(rest),
        "run" => RunVerb.Run(rest),
        "report" => ReportVerb.Run(rest),
        "help" or "--help" or "-h" => Usage.Print(rest.FirstOrDefault()),
        _ => throw new InputException($"unknown verb '{verb}'; verbs: {string.Join(", ", Usage.Verbs)} (try 'help')"),
    };
}
catch (Exception e) when (InputError(e) is { } input)
{
    Console.Error.WriteLine($"benchsuite: {input.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // The environment, not the program: a missing or unwritable folder, a read-only file system, a full disk.
    // The suite's writers name the path and the reason (IoProblem); .NET's own messages name the path.
    Console.Error.WriteLine($"benchsuite: {e.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("benchsuite: interrupted");
    return 130;
}
catch (Exception e)
{
    // A bug, not bad input: say so, with everything needed to report it.
    Console.Error.WriteLine($"benchsuite: unexpected failure, please report it: {e}");
    return 1;
}

// Bad input found inside parallel work arrives wrapped.
static InputException? InputError(Exception e) => e switch
{
    InputException input => input,
    AggregateException many => many.Flatten().InnerExceptions.Select(InputError).FirstOrDefault(i => i is not null),
    _ => null,
};
