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

namespace BenchSuite.Bench.Batch;

/// <summary>
/// Runs one case: its setup once outside BenchmarkDotNet (validation, and "n/a" for inputs the encoding cannot
/// represent), then one BenchmarkDotNet run of that case alone, whose full JSON export is written to
/// <c>bdn/</c> before the case counts as measured.
/// </summary>
public sealed class CaseRunner(BatchProfile profile, ulong seed, string bdnDirectory)
{
    /// <summary>This case's configuration, logging to <paramref name="log"/> alone (the batch prints its own progress).</summary>
    ImmutableConfig Config(ILogger log)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(profile.Job)
            .AddLogger(log)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(PerUnitColumn.NsPerPage, PerUnitColumn.NsPerSeek)
            .WithArtifactsPath(bdnDirectory)
            .WithOption(ConfigOptions.DisableLogFile, true);
        if (profile.TimesCases)
            config.AddValidator(JitOptimizationsValidator.FailOnError);
        return ImmutableConfigBuilder.Create(config);
    }

    public BatchCase Run(BatchCase c)
    {
        BatchOperation operation = BatchOperation.Find(c.Operation)
            ?? throw new InvalidDataException($"{c.Id}: unknown operation '{c.Operation}'");
        Type type = operation.BenchmarkType(c.Encoding);
        var parameters = Parameters(c, operation);
        if (Validate(type, parameters) is { } reason)
            return c.WithOutcome(CaseStatus.NotApplicable, reason);

        var log = new AccumulationLogger();
        ImmutableConfig config = Config(log);
        Descriptor found = BenchmarkConverter.TypeToBenchmarks(type, config).BenchmarksCases.Single().Descriptor;
        // The page count cannot come from an attribute, so the descriptor is remade with it as OperationsPerInvoke.
        var descriptor = new Descriptor(found.Type, found.WorkloadMethod, found.GlobalSetupMethod, found.GlobalCleanupMethod,
            found.IterationSetupMethod, found.IterationCleanupMethod, found.WorkloadMethodDisplayInfo, null, false,
            found.Categories, checked((int)c.UnitsPerInvocation), 0);
        var instances = new ParameterInstances(parameters
            .Select(p => new ParameterInstance(new ParameterDefinition(p.Name, false, [p.Value], false, p.Value.GetType(), 0), p.Value, SummaryStyle.Default))
            .ToList());
        BenchmarkCase benchmark = BenchmarkCase.Create(descriptor, profile.Job, instances, config);
        Summary summary = BenchmarkRunner.Run(new BenchmarkRunInfo([benchmark], type, config));

        BenchmarkReport? report = summary.Reports.SingleOrDefault();
        if (report is not { Success: true, ResultStatistics: { } statistics })
            throw new CaseFailedException($"{c.Id}: BenchmarkDotNet did not measure it: {LastLines(log.GetLog())}");

        string file = BatchPlan.FileNameOf(c);
        var json = new AccumulationLogger();
        JsonExporter.Full.ExportToLog(summary, json);
        AtomicFile.WriteAllText(Path.Combine(bdnDirectory, file), json.GetLog());
        AtomicFile.WriteAllText(Path.Combine(bdnDirectory, Path.ChangeExtension(file, ".log")), log.GetLog());

        long invocations = report.GcStats.TotalOperations / c.UnitsPerInvocation;
        long? allocated = report.GcStats.GetTotalAllocatedBytes(excludeAllocationQuantumSideEffects: true) is { } bytes && invocations > 0
            ? bytes / invocations
            : null;
        return c with
        {
            Status = CaseStatus.Measured,
            Reason = null,
            BdnFile = file,
            MeanNs = statistics.Mean,
            MedianNs = statistics.Median,
            StandardErrorNs = statistics.StandardError,
            AllocatedBytesPerInvocation = allocated,
        };
    }

    List<(string Name, object Value)> Parameters(BatchCase c, BatchOperation operation)
    {
        var parameters = new List<(string, object)> { ("Scenario", c.Scenario), ("Size", c.Size), ("Seed", seed) };
        if (operation.VariantParameter is { } variant)
            parameters.Add((variant, operation.Variant!));
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
