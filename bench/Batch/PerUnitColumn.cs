using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// <c>ns/page</c> (and <c>ns/seek</c> for Seek): the mean time of one unit of work. The batch gives BenchmarkDotNet
/// each case's page count as its OperationsPerInvoke, so the per-operation statistics are per page already; this
/// column says which unit they are in, and stays empty for cases counted in the other unit.
/// </summary>
public sealed class PerUnitColumn(string unit) : IColumn
{
    public static readonly PerUnitColumn NsPerPage = new(BatchOperation.PerPage);
    public static readonly PerUnitColumn NsPerSeek = new(BatchOperation.PerSeek);

    public string Id => $"ns/{unit}";
    public string ColumnName => Id;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"mean nanoseconds per {unit} (BenchmarkDotNet's OperationsPerInvoke is the case's {unit}s per invocation)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        bool seek = benchmarkCase.Descriptor.WorkloadMethod.Name == "Seek";
        if (seek != (unit == BatchOperation.PerSeek) || summary[benchmarkCase]?.ResultStatistics is not { } statistics)
            return "-";
        return statistics.Mean.ToString("F3", CultureInfo.InvariantCulture);
    }
}
