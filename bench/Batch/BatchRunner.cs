using System.Diagnostics;
using System.Globalization;
using BenchSuite.Bench.Benchmarks;
using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// Runs a batch's remaining cases in plan order, rewriting <c>batch.json</c> after every case, so whatever stops the
/// batch (Ctrl-C, a kill, a failed validation) leaves every measured case on disk and the rest marked to run.
/// Prints one progress line per case: its position, result, the time so far and an estimate of the time left.
/// </summary>
public sealed class BatchRunner(ResultsFolder folder, BatchProfile profile, TextWriter progress)
{
    /// <summary>Operations whose hot loops must not allocate (STYLE.md): a case that does is flagged.</summary>
    static readonly string[] s_mustNotAllocate = ["Iterate", "IteratePages", "Seek", "DmaMap", "Consume", "Unpin", "Floor"];

    /// <summary>Runs what is left; returns the batch as it stands. Stops between cases once <paramref name="stop"/> is cancelled.</summary>
    public BatchFile Run(BatchFile batch, CancellationToken stop)
    {
        var cases = batch.Cases.ToList();
        var pending = Enumerable.Range(0, cases.Count).Where(i => cases[i].Status is CaseStatus.Planned or CaseStatus.Failed).ToList();
        var runner = new CaseRunner(profile, batch.Options.Seed, folder.BdnDirectory);
        var clock = Stopwatch.StartNew();
        int done = 0;
        foreach (int i in pending)
        {
            if (stop.IsCancellationRequested)
                break;
            BatchCase c = cases[i];
            progress.Write($"[{i + 1}/{cases.Count}] {c.Operation} {c.Encoding} {c.Scenario} {c.Size}: ");
            try
            {
                cases[i] = runner.Run(c);
            }
            catch (Exception e)
            {
                cases[i] = c.WithOutcome(CaseStatus.Failed, e.Message);
                folder.Write(batch with { Cases = cases });
                progress.WriteLine("failed");
                throw e is BenchmarkValidationException or CaseFailedException ? new CaseFailedException($"{c.Id}: {e.Message}") : e;
            }
            folder.Write(batch with { Cases = cases });
            done++;
            TimeSpan left = clock.Elapsed / done * (pending.Count - done);
            progress.WriteLine($"{Outcome(cases[i])}  ({Clock(clock.Elapsed)} elapsed, about {Clock(left)} left)");
        }
        return batch with { Cases = cases };
    }

    static string Outcome(BatchCase c)
    {
        if (c.Status != CaseStatus.Measured)
            return $"{c.Status}: {c.Reason}";
        string text = string.Create(CultureInfo.InvariantCulture, $"{c.MeanNs:F3} ns/{c.Unit}, {c.AllocatedBytesPerInvocation} B allocated");
        return AllocatesInHotLoop(c) ? text + " (should be 0 B)" : text;
    }

    public static bool AllocatesInHotLoop(BatchCase c) =>
        c.AllocatedBytesPerInvocation > 0 && s_mustNotAllocate.Contains(c.Operation.Split(':')[0]);

    static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
