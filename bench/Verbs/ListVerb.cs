namespace BenchSuite.Bench.Verbs;
public static class ListVerb { public const string Usage = "list"; public static int Run(IReadOnlyList<string> args) => 0; }
