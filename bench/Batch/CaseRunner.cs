using System.Reflection;
using System.Runtime.ExceptionServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using BenchSuite.Bench.Benchmarks;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// Runs one round of a case: one BenchmarkDotNet run of that case alone, whose setup (once, in BenchmarkDotNet)
/// places the list anew, validates it and tells "n/a" from a wrong result; its full JSON export is written to
/// <c>bdn/</c> before the round counts. The case's estimate is then taken from every round's export, with the same
/// estimator the report uses (<see cref="CaseEstimate"/>).
/// </summary>
public sealed class CaseRunner(BatchProfile profile, ulong seed, string bdnDirectory)
{
    /// <summary>
    /// This case's configuration, logging to <paramref name="log"/> alone (the batch prints its own progress). The
    /// memory diagnoser (one extra iteration) runs in a case's first round only: what the code allocates does not
    /// depend on where the list is placed.
    /// </summary>
    ImmutableConfig Config(ILogger log, bool countAllocations)
    {
        var config = ManualConfig.CreateEmpty()
            .AddLogger(log)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(PerUnitColumn.NsPerPage, PerUnitColumn.NsPerSeek)
            .WithArtifactsPath(bdnDirectory)
            .WithOption(ConfigOptions.DisableLogFile, true);
        if (countAllocations)
            config.AddDiagnoser(MemoryDiagnoser.Default);
        if (profile.TimesCases)
            config.AddValidator(JitOptimizationsValidator.FailOnError);
        return ImmutableConfigBuilder.Create(config);
    }

    /// <summary>Round <paramref name="round"/> of <paramref name="c"/>: the case with that round's export added, or n/a.</summary>
    public BatchCase Run(BatchCase c, int round)
    {
        BatchOperation operation = BatchOperation.Find(c.Operation)
            ?? throw new InvalidDataException($"{c.Id}: unknown operation '{c.Operation}'");
        Type type = operation.BenchmarkType(c.Encoding);
        var log = new AccumulationLogger();
        bool countAllocations = c.RoundsDone == 0;
        ImmutableConfig config = Config(log, countAllocations);
        Job job = profile.JobFor(c.InvocationsPerIteration);
        Descriptor found = BenchmarkConverter.TypeToBenchmarks(type, config).BenchmarksCases.Single().Descriptor;
        // The page count cannot come from an attribute, so the descriptor is remade with it as OperationsPerInvoke.
        var descriptor = new Descriptor(found.Type, found.WorkloadMethod, found.GlobalSetupMethod, found.GlobalCleanupMethod,
            found.IterationSetupMethod, found.IterationCleanupMethod, found.WorkloadMethodDisplayInfo, null, false,
            found.Categories, checked((int)c.UnitsPerInvocation), 0);
        var instances = new ParameterInstances(Parameters(c, operation, round)
            .Select(p => new ParameterInstance(new ParameterDefinition(p.Name, false, [p.Value], false, p.Value.GetType(), 0), p.Value, SummaryStyle.Default))
            .ToList());
        BenchmarkCase benchmark = BenchmarkCase.Create(descriptor, job, instances, config);
        SetupFailure.Last = null;
        Summary summary = BenchmarkRunner.Run(new BenchmarkRunInfo([benchmark], type, config));

        BenchmarkReport? report = summary.Reports.SingleOrDefault();
        if (report is not { Success: true, ResultStatistics: not null })
        {
            switch (SetupFailure.Last)
            {
                case CaseNotApplicableException na when c.RoundsDone == 0:
                    return c.WithOutcome(CaseStatus.NotApplicable, na.Message);
                case BenchmarkValidationException or CaseNotApplicableException:
                    ExceptionDispatchInfo.Capture(SetupFailure.Last).Throw();
                    break;
            }
            throw new CaseFailedException($"{c.Id}: BenchmarkDotNet did not measure it: {LastLines(log.GetLog())}");
        }

        string file = BatchPlan.FileNameOf(c, round);
        var json = new AccumulationLogger();
        JsonExporter.Full.ExportToLog(summary, json);
        AtomicFile.WriteAllText(Path.Combine(bdnDirectory, file), json.GetLog());
        AtomicFile.WriteAllText(Path.Combine(bdnDirectory, Path.ChangeExtension(file, ".log")), log.GetLog());

        long invocations = report.AllMeasurements.First(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual)
            .Operations / c.UnitsPerInvocation;
        long? allocated = !countAllocations ? c.AllocatedBytesPerInvocation
            : report.GcStats.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: true) is { } bytes && report.GcStats.TotalOperations > 0
                ? bytes / (report.GcStats.TotalOperations / c.UnitsPerInvocation)
                : null;
        var files = c.BdnFiles.Append(file).ToList();
        CaseEstimate estimate = CaseEstimate.Of(BdnExport.ReadRounds(bdnDirectory, files));
        return c with
        {
            Status = CaseStatus.Measured,
            Reason = null,
            InvocationsPerIteration = invocations,
            BdnFiles = files,
            EstimateNs = estimate.Value,
            LowerNs = estimate.HasInterval ? estimate.Lower : null,
            UpperNs = estimate.HasInterval ? estimate.Upper : null,
            InvocationNs = estimate.Value * c.UnitsPerInvocation,
            BelowResolution = Resolution.Problem(estimate, c.UnitsPerInvocation, profile.TimesCases),
            AllocatedBytesPerInvocation = allocated,
        };
    }

    List<(string Name, object Value)> Parameters(BatchCase c, BatchOperation operation, int round)
    {
        var parameters = new List<(string, object)> { ("Scenario", c.Scenario), ("Size", c.Size), ("Seed", seed), ("Placement", round) };
        if (operation.VariantParameter is { } variant)
            parameters.Add((variant, operation.Variant!));
        if (operation.Name == "Floor")
            parameters.Add(("Passes", checked((int)(c.UnitsPerInvocation / (long)c.Pages))));
        return parameters;
    }

    /// <summary>
    /// The case's setup and cleanup on a fresh instance, as BenchmarkDotNet will call them: null when it validates,
    /// the reason when the case is not applicable; a validation failure propagates and stops the batch.
    /// </summary>
    public static string? Validate(Type type, IReadOnlyList<(string Name, object Value)> parameters)
    {
        object instance = Activator.CreateInstance(type)!;
        foreach ((string name, object value) in parameters)
            type.GetProperty(name)!.SetValue(instance, value);
        MethodInfo setup = type.GetMethods().Single(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.GlobalSetupAttribute>() is not null);
        MethodInfo cleanup = type.GetMethods().Single(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.GlobalCleanupAttribute>() is not null);
        try
        {
            Invoke(setup, instance);
            return null;
        }
        catch (CaseNotApplicableException e)
        {
            return e.Message;
        }
        finally
        {
            Invoke(cleanup, instance);
        }
    }

    static void Invoke(MethodInfo method, object instance)
    {
        try
        {
            method.Invoke(instance, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    static string LastLines(string log) =>
        string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(6));
}
