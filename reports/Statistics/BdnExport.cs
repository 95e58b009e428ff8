using System.Text.Json;

namespace BenchSuite.Reports.Statistics;

/// <summary>
/// Reads the per-unit timings of one case from BenchmarkDotNet's full JSON export: the "Workload Result"
/// measurements (actual iterations less the overhead), each Nanoseconds / Operations. The batch sets Operations to
/// invocations × pages (or seeks), so each value is already ns per page (or per seek).
/// </summary>
public static class BdnExport
{
    /// <summary>A case's every round, one sample per export under <paramref name="bdnDirectory"/>, in round order.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> ReadRounds(string bdnDirectory, IEnumerable<string> files) =>
        files.Select(f => (IReadOnlyList<double>)ReadSample(Path.Combine(bdnDirectory, f))).ToList();

    public static double[] ReadSample(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: not found (batch.json lists it as a measured case's export)");
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement benchmark = document.RootElement.GetProperty("Benchmarks")[0];
            var values = new List<double>();
            foreach (JsonElement m in benchmark.GetProperty("Measurements").EnumerateArray())
            {
                if (m.GetProperty("IterationMode").GetString() != "Workload" || m.GetProperty("IterationStage").GetString() != "Result")
                    continue;
                double nanoseconds = m.GetProperty("Nanoseconds").GetDouble();
                long operations = m.GetProperty("Operations").GetInt64();
                if (operations <= 0 || !double.IsFinite(nanoseconds) || nanoseconds < 0)
                    throw new InvalidDataException($"{path}: a measurement of {nanoseconds} ns over {operations} operations is not a time");
                values.Add(nanoseconds / operations);
            }
            return values.Count > 0 ? values.ToArray() : throw new InvalidDataException($"{path}: no Workload Result measurements");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a BenchmarkDotNet full JSON export: {e.Message}");
        }
    }
}
