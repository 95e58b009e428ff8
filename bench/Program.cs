using BenchSuite.Encodings.Reference;

// The CLI grows verb by verb with the issues that deliver them (DESIGN.md §6). Until the batch exists,
// say so plainly rather than pretend to measure.
string verb = args.Length == 0 ? "run" : args[0];
switch (verb)
{
    case "list":
        Console.WriteLine("encodings:");
        foreach (string name in ReferenceModel.Encodings)
            Console.WriteLine($"  {name}");
        return 0;
    case "run" or "density" or "report" or "capture":
        Console.Error.WriteLine($"benchsuite: '{verb}' is not built yet (encodings only so far); see README.md, Status");
        return 2;
    default:
        Console.Error.WriteLine($"benchsuite: unknown verb '{verb}'; verbs: run, density, report, capture, list");
        return 2;
}
