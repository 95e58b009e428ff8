using System.Globalization;
using System.Runtime.InteropServices;
using BenchSuite.Bench.Batch;
using BenchSuite.Bench.Benchmarks.Floor;
using BenchSuite.Bench.Cli;
using BenchSuite.Reports.Results;
using BenchSuite.Reports.Statistics;
using BenchSuite.Reports.Writing;
using BenchSuite.Workloads;
using BenchSuite.Workloads.Density;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.PageLists;
using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Verbs;

/// <summary><c>run</c>: density and the BenchmarkDotNet batch into a new results folder, or the rest of an interrupted one.</summary>
public static class RunVerb
{
    public static readonly string Usage = $"""
        run [--profile {string.Join("|", BatchProfile.Names)}] [--encodings a,b] [--scenarios x,y] [--sizes 1M,1G]
            [--operations a,b] [--rounds N] [--seed N] [--order-seed N] [--out DIR] [--baseline DIR]
        run --resume DIR
          Measures density, then times every operation of every encoding on every page list (BenchmarkDotNet, one
          case at a time, each validated against the reference model first), writing a results folder:
          environment.json, batch.json (the plan and every case's outcome), density.json, sweep.json (footprints from
          64K to 1T), bdn/ (BenchmarkDotNet's full JSON per case) and report/ (see report). Prints a line per case
          with the time left, then the report's plain-text summary and the folder.
          --profile     {string.Join("; ", BatchProfile.All.Select(p => $"{p.Name}: {p.Description}"))}
          --encodings   default: all; --scenarios, --sizes: default from the profile (trace:FILE is a scenario)
          --operations  default: all ({string.Join(", ", BatchOperation.Ids)});
                        DmaMap or Consume alone means every mapper or consumer
          --rounds      placements per case, each a BenchmarkDotNet run with its own setup (default from the profile)
          --seed        generator seed (default 1)
          --order-seed  seed of the rounds' shuffled case order (default: a new one, recorded in batch.json)
          --out         the results folder to create (default artifacts/yyyyMMdd-HHmmss-PROFILE); must be new or empty
          --baseline    an earlier results folder to compare with in the report
          --resume      finish an interrupted batch in DIR: runs the rounds not yet run, with its own options
          Ctrl-C stops after the running round (twice: at once); every measured round is kept either way.
        """;

    public static int Run(IReadOnlyList<string> args)
    {
        Arguments a = Arguments.Parse("run", args,
            ["profile", "encodings", "scenarios", "sizes", "trace", "operations", "rounds", "seed", "order-seed", "out", "baseline", "resume"], []);
        a.NoPositionals();
        string commandLine = string.Join(' ', args.Prepend("run"));
        (ResultsFolder folder, BatchFile batch, IDisposable writing) = a.Value("resume") is { } resume ? Resume(a, resume, commandLine) : Start(a, commandLine);
        using (writing)
            return Run(folder, batch);
    }

    static int Run(ResultsFolder folder, BatchFile batch)
    {
        BatchProfile profile = BatchProfile.Find(batch.Profile);
        // Registered first, so Ctrl-C during the measurements before timing stops there too, not only between cases.
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, stop, folder));
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, stop, folder));
        // This run changes the results; a report of the folder as it was would be stale if the run died before its own.
        ReportWriter.Remove(folder.Path);
        try
        {
            foreach ((string path, Action<CancellationToken> write) in Measurements(folder, batch.Options, profile))
            {
                if (!File.Exists(path))
                    write(stop.Token);
            }
            batch = batch with { Cases = FloorPasses.Plan(batch.Cases, folder.ReadDensity()) };
            folder.Write(batch);
        }
        catch (Exception e) when (e is OperationCanceledException
                                   || e is AggregateException a && a.Flatten().InnerExceptions.All(x => x is OperationCanceledException))
        {
            EndSession(folder);
            Console.Error.WriteLine($"run: interrupted before the timing began; finish with: run --resume {folder.Path}");
            return 130;
        }

        int pending = BatchRunner.RoundsLeft(batch.Cases, batch.Rounds);
        Console.Error.WriteLine($"run: {profile.Name} profile, {batch.Cases.Count} cases in {batch.Rounds} rounds ({pending} case rounds to run) into {folder.Path}");
        try
        {
            batch = new BatchRunner(folder, profile, Console.Error).Run(batch, stop.Token);
        }
        catch (CaseFailedException e)
        {
            Console.Error.WriteLine($"benchsuite: {e.Message}");
            EndSession(folder);
            WriteReport(folder, folder.ReadBatch(), print: false);
            Console.Error.WriteLine($"run: stopped; every case measured so far is in {folder.Path}; after a fix, run --resume {folder.Path}");
            return 1;
        }
        catch (Exception e) when (IoProblem.Is(e))
        {
            // Nothing more can be recorded (a full disk, say), so the session's end is not written either.
            Console.Error.WriteLine($"benchsuite: {e.Message}; every case recorded so far is in {folder.Path}; when it can be written, run --resume {folder.Path}");
            return 2;
        }

        EndSession(folder);
        if (!profile.TimesCases)
            Console.WriteLine("dry profile: one cold invocation per case, to check every case; these are not timings\n");
        WriteReport(folder, batch, print: true);
        int left = BatchRunner.RoundsLeft(batch.Cases, batch.Rounds);
        if (left > 0)
        {
            Console.Error.WriteLine($"run: interrupted with {left} case rounds to run; finish with: run --resume {folder.Path}");
            Console.WriteLine($"results: {folder.Path}");
            return 130;
        }
        AllocationCheck.Finding allocations = AllocationCheck.Of(batch.Cases);
        if (allocations.BackgroundBytesPerUs is { } rate)
            Console.Error.WriteLine($"run: warning: {allocations.BackgroundCases} cases show allocations in proportion to their time, about {rate:F1} B per µs: "
                + "BenchmarkDotNet counts the whole process, and another thread allocated while they ran (the benchmarks' own threads allocate nothing in the tests)");
        foreach (BatchCase c in allocations.Allocating)
            Console.Error.WriteLine($"run: warning: {c.Id} allocates {c.AllocatedBytesPerInvocation} B per invocation in a loop that should allocate none");
        Console.WriteLine($"results: {folder.Path}");
        return 0;
    }

    static (ResultsFolder, BatchFile, IDisposable) Start(Arguments a, string commandLine)
    {
        BatchProfile profile = BatchProfile.Find(a.Value("profile") ?? "quick");
        DensityRequest request = DensityRequest.From(a, profile.Scenarios, profile.Sizes);
        var operations = Operations(a.List("operations"));
        string? baseline = a.Value("baseline") is { } b ? ResultsFolder.Open(b).Path : null;
        var options = new BatchOptions(request.Encodings,
            [.. request.Scenarios, .. request.Traces.Select(t => ScenarioCatalog.TracePrefix + t)],
            request.Sizes.Select(ByteSize.Format).ToList(), operations.Select(o => o.Id).ToList(), request.Seed, baseline);
        // Each list once: opening a trace reads it whole, and the plan, the memory check and the fingerprints all need them.
        var lists = request.PageLists().ToList();
        var cases = BatchPlan.Cases(lists, request.Encodings, operations);
        CaseMemory.Check(lists, operations);
        ulong orderSeed = a.Value("order-seed") is { } given ? Arguments.ParseSeed(given, "order-seed") : (ulong)Random.Shared.NextInt64(1, int.MaxValue);
        int rounds = a.Value("rounds") is { } r ? Rounds(r, profile) : profile.Rounds;

        var folder = ResultsFolder.Create(a.Value("out") ?? ResultsFolder.DefaultPath(profile.Name, DateTimeOffset.Now));
        IDisposable writing = folder.LockForWriting();
        var batch = new BatchFile(BatchFile.CurrentSchema, profile.Name, profile.Job.DisplayInfo, rounds, orderSeed,
            CaseEstimate.Name, options, Inputs(lists), cases);
        EnvironmentFile environment = EnvironmentProbe.Capture(batch, commandLine);
        s_session = environment.Sessions[^1].StartedUtc;
        folder.Write(environment);
        folder.Write(batch);
        return (folder, batch, writing);
    }

    static (ResultsFolder, BatchFile, IDisposable) Resume(Arguments a, string directory, string commandLine)
    {
        string[] matrix = ["profile", "encodings", "scenarios", "sizes", "trace", "operations", "rounds", "seed", "order-seed", "out", "baseline"];
        if (matrix.FirstOrDefault(a.Has) is { } option)
            throw new InputException($"run: --resume takes the batch's own options from {BatchFile.FileName}; drop --{option}");
        var folder = ResultsFolder.Open(directory);
        IDisposable writing = folder.LockForWriting();
        BatchFile batch = folder.ReadBatch();
        CheckInputs(batch);
        EnvironmentFile environment = folder.ReadEnvironment();
        BatchSession session = EnvironmentProbe.Session(commandLine);
        if (session.GitCommit != environment.GitCommit)
            Console.Error.WriteLine($"run: warning: the batch began at commit {environment.GitCommit} and resumes at {session.GitCommit}");
        // A resume with nothing left to do runs nothing, so it is no session of the batch.
        bool work = BatchRunner.RoundsLeft(batch.Cases, batch.Rounds) > 0
            || Measurements(folder, batch.Options, BatchProfile.Find(batch.Profile)).Any(m => !File.Exists(m.Path));
        if (work)
        {
            folder.Write(environment with { Sessions = [.. environment.Sessions, session] });
            s_session = session.StartedUtc;
        }
        return (folder, batch, writing);
    }

    /// <summary>When this process's session began, if it added one to environment.json.</summary>
    static DateTimeOffset? s_session;

    static int Rounds(string text, BatchProfile profile)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int rounds) || rounds is < 1 or > 1000)
            throw new InputException($"--rounds '{text}' is not a whole number from 1 to 1000");
        if (!profile.TimesCases && rounds != 1)
            throw new InputException($"--rounds: the {profile.Name} profile times nothing, so it runs one round");
        return rounds;
    }

    /// <summary>Records the load average as this process's session ends (the report shows it beside the one at its start).</summary>
    static void EndSession(ResultsFolder folder)
    {
        EnvironmentFile environment = folder.ReadEnvironment();
        BatchSession last = environment.Sessions[^1];
        if (last.StartedUtc != s_session)
            return;
        folder.Write(environment with { Sessions = [.. environment.Sessions.SkipLast(1), last with { LoadEnd = EnvironmentProbe.LoadAverage() }] });
    }

    /// <summary>Operation ids, or a name standing for all its variants (<c>DmaMap</c>: every mapper).</summary>
    static IReadOnlyList<BatchOperation> Operations(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return BatchOperation.All;
        var chosen = names.SelectMany(n =>
        {
            var matches = BatchOperation.All.Where(o => o.Id == n || o.Name == n).ToList();
            return matches.Count > 0 ? matches : throw new InputException($"unknown operation '{n}'; known: {string.Join(", ", BatchOperation.Ids)}");
        }).ToHashSet();
        return BatchOperation.All.Where(chosen.Contains).ToList();
    }

    /// <summary>The device whose limits the batch also builds and maps its page lists for (claim C6): the PCI core's.</summary>
    static readonly DevicePreset PciDefault = DevicePreset.Find("pci-default");

    /// <summary>The batch's page lists as its options describe them.</summary>
    static DensityRequest RequestOf(BatchOptions options)
    {
        var traces = options.Scenarios.Where(s => s.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal)).ToList();
        return new DensityRequest(options.Encodings, options.Scenarios.Except(traces).ToList(),
            options.Sizes.Select(s => ByteSize.Parse(s)).ToList(), traces.Select(t => t[ScenarioCatalog.TracePrefix.Length..]).ToList(),
            MapperCatalog.All, DmaLimits.None, options.Seed);
    }

    static IReadOnlyList<BatchInput> Inputs(IEnumerable<PageList> lists) =>
        lists.Select(l => new BatchInput(l.Name, l.LengthBytes, PageListFingerprint.Of(l))).ToList();

    /// <summary>
    /// A resume times the remaining cases under the batch's ids: it refuses when a page list is no longer what the
    /// batch began with (a trace rewritten in place, a generator changed between commits), naming the list.
    /// </summary>
    static void CheckInputs(BatchFile batch)
    {
        foreach (BatchInput now in Inputs(RequestOf(batch.Options).PageLists()))
        {
            // A scenario has a list per size; a trace has one, whatever its length has become.
            bool trace = now.Scenario.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal);
            BatchInput? then = batch.Inputs.FirstOrDefault(i => i.Scenario == now.Scenario && (trace || i.PinnedBytes == now.PinnedBytes));
            string name = trace ? now.Scenario[ScenarioCatalog.TracePrefix.Length..] : $"{now.Scenario} {ByteSize.Format(now.PinnedBytes)}";
            if (then is null || then.PinnedBytes != now.PinnedBytes || then.Fingerprint != now.Fingerprint)
                throw new InputException($"{name}: the page list changed since the batch began (fingerprint {then?.Fingerprint ?? "none"}, "
                    + $"{then?.PinnedBytes ?? 0} bytes; now {now.Fingerprint}, {now.PinnedBytes} bytes); its results would be another input's: start a new batch");
        }
    }

    /// <summary>
    /// What a batch measures before it times anything, each file written once (a resume writes what is missing):
    /// density, the footprint sweep, the chunk figures (C10), and density within pci-default's limits (C6).
    /// </summary>
    static IReadOnlyList<(string Path, Action<CancellationToken> Write)> Measurements(ResultsFolder folder, BatchOptions options, BatchProfile profile) =>
    [
        (folder.DensityPath, stop => WriteDensityRows(folder.DensityPath, RequestOf(options), stop)),
        (folder.SweepPath, stop => WriteSweep(folder, options, profile.SweepSizes, stop)),
        (folder.ChunkFillPath, _ => WriteChunkFill(folder)),
        (folder.DeviceDensityPath(PciDefault.Name), stop => WriteDensityRows(folder.DeviceDensityPath(PciDefault.Name),
            RequestOf(options) with { Limits = PciDefault.Limits, Mappers = [MapperCatalog.Find("iommu")] }, stop)),
    ];

    /// <summary>
    /// Footprints against pinned size for the footprint chart and the claims on terabyte lists: the batch's scenarios
    /// at the profile's sweep sizes, built in counting mode (constant memory; about 20 s for four scenarios to 1 TiB).
    /// </summary>
    static void WriteSweep(ResultsFolder folder, BatchOptions options, IReadOnlyList<string> sizes, CancellationToken stop)
    {
        var scenarios = options.Scenarios.Where(s => !s.StartsWith(ScenarioCatalog.TracePrefix, StringComparison.Ordinal)).ToList();
        var request = new DensityRequest(options.Encodings, scenarios, sizes.Select(s => ByteSize.Parse(s)).ToList(), [], [], DmaLimits.None, options.Seed);
        Console.Error.WriteLine($"run: footprint sweep, {scenarios.Count} scenarios at {string.Join(", ", sizes)}");
        WriteDensityRows(folder.SweepPath, request, stop);
    }

    /// <summary>Chunk figures of claim C10, from lists of one entry size each (a few milliseconds).</summary>
    static void WriteChunkFill(ResultsFolder folder)
    {
        var rows = ChunkFill.Measure().Select(c => new ChunkFillRow(c.Encoding, c.EntryForm, c.EntryBytes, c.Entries, c.ChunkBytes,
            c.BytesPerEntry, c.QuotedBytesPerEntry)).ToList();
        AtomicFile.WriteAllText(folder.ChunkFillPath, ChunkFillFile.Serialize(rows) + "\n");
    }

    static void WriteDensityRows(string path, DensityRequest request, CancellationToken stop)
    {
        var rows = DensityVerb.Measure(request, Console.Error, stop).Select(DensityVerb.ToRow).ToList();
        AtomicFile.WriteAllText(path, DensityFile.Serialize(rows) + "\n");
    }

    /// <summary>
    /// The report of what the folder holds so far (<c>report/</c>); printed as the 80-column summary when asked. A
    /// report that cannot be built is a warning: the measured results stay where they are.
    /// </summary>
    static void WriteReport(ResultsFolder folder, BatchFile batch, bool print)
    {
        try
        {
            string report = ReportVerb.Write(folder.Path, batch.Options.Baseline);
            if (print)
                Console.Write(File.ReadAllText(Path.Combine(report, ReportWriter.SummaryFile)));
            Console.Error.WriteLine($"run: report: {Path.Combine(report, ReportWriter.HtmlFile)}");
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
        {
            // A full disk or an unwritable report/ loses no result: the batch's files are already written.
            Console.Error.WriteLine($"run: warning: no report: {e.Message}");
        }
    }

    /// <summary>The first signal lets the running case finish; a second one ends the process as usual.</summary>
    static void Stop(PosixSignalContext context, CancellationTokenSource stop, ResultsFolder folder)
    {
        if (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"\nrun: stopped at once, without a report; every case measured so far is in {folder.Path}: "
                + $"report {folder.Path} shows them, run --resume {folder.Path} finishes the batch");
            return;
        }
        context.Cancel = true;
        stop.Cancel();
        Console.Error.WriteLine($"\nrun: stopping at the end of this step ({context.Signal} again to stop at once)");
    }
}
