namespace BenchSuite.Encodings;

/// <summary>
/// A design knob of an encoding family: the values the suite builds, and the default, which keeps the family's plain
/// name. A variant that sets it is named <c>FAMILY@KNOB=VALUE</c> (several knobs joined by <c>@</c>).
/// </summary>
public sealed record Knob(string Name, IReadOnlyList<string> Values, string Default, string Description);
