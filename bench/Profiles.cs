namespace BenchSuite.Bench;

/// <summary>A batch profile for <c>run</c>: how much to measure and how hard.</summary>
public sealed record Profile(string Name, string Description, bool Built);

public static class Profiles
{
    public static IReadOnlyList<Profile> All { get; } =
    [
        new("quick", "every encoding and scenario at 1 MiB and 1 GiB, short BenchmarkDotNet jobs: minutes, for a first look", Built: false),
        new("full", "every encoding and scenario at 4 KiB to 1 GiB, default BenchmarkDotNet jobs: for numbers to quote", Built: false),
    ];
}
