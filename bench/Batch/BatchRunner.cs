using System.Diagnostics;
using System.Globalization;
using BenchSuite.Bench.Benchmarks;
using BenchSuite.Reports.Charts;
using BenchSuite.Reports.Results;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// Runs a batch's remaining rounds: round by round, each round's cases in their own shuffled order
/// (<see cref="BatchPlan.RoundOrder"/>), rewriting <c>batch.json</c> after every case, so whatever stops the batch
/// (Ctrl-C, a kill, a failed validation) leaves every measured round on disk and the rest to run. A case found
/// "n/a" in its first round is not run again. Prints one progress line per case and round: its estimate so far,
/// the time so far and an estimate of the time left.
/// </summary>
public sealed class BatchRunner(ResultsFolder folder, BatchProfile profile, TextWriter progress)
{
    /// <summary>Operations whose hot loops must not allocate (STYLE.md): a case that does is flagged.</summary>
    static readonly string[] s_mustNotAllocate = ["Iterate", "IteratePages", "Seek", "DmaMap", "Consume", "Unpin", "Floor"];

    /// <summary>Runs what is left; returns the batch as it stands. Stops between cases once <paramref name="stop"/> is cancelled.</summary>
    public BatchFile Run(BatchFile batch, CancellationToken stop)
    {
        var cases = batch.Cases.ToList();
        var runner = new CaseRunner(profile, batch.Options.Seed, folder.BdnDirectory);
        var clock = Stopwatch.StartNew();
        int total = RoundsLeft(cases, batch.Rounds), done = 0;
        for (int round = 0; round < batch.Rounds; round++)
        {
            var due = Enumerable.Range(0, cases.Count).Where(i => cases[i].Status != CaseStatus.NotApplicable && cases[i].RoundsDone == round);
            foreach (int i in BatchPlan.RoundOrder(due, batch.OrderSeed, round))
            {
                if (stop.IsCancellationRequested)
                    return batch with { Cases = cases };
                BatchCase c = cases[i];
                progress.Write($"[{done + 1}/{total}] round {round + 1}/{batch.Rounds} {c.Operation} {c.Encoding} {c.Scenario} {c.Size}: ");
                try
                {
                    cases[i] = runner.Run(c, round);
                }
                catch (Exception e) when (IoProblem.Is(e))
                {
                    // The environment (a full disk, a folder gone read-only), not the case: it stays to run.
                    progress.WriteLine("not recorded");
                    throw;
                }
                catch (Exception e)
                {
                    cases[i] = c.WithOutcome(CaseStatus.Failed, e.Message);
                    folder.Write(batch with { Cases = cases });
                    progress.WriteLine("failed");
                    throw e is BenchmarkValidationException or CaseFailedException or CaseNotApplicableException
                        ? new CaseFailedException($"{c.Id}: {e.Message}") : e;
                }
                try
                {
                    folder.Write(batch with { Cases = cases });
                }
                catch (Exception e) when (IoProblem.Is(e))
                {
                    progress.WriteLine("measured, but not recorded");
                    throw;
                }
                done++;
                // A case found n/a takes none of its later rounds.
                if (cases[i].Status == CaseStatus.NotApplicable)
                    total -= batch.Rounds - 1;
                TimeSpan left = clock.Elapsed / done * (total - done);
                progress.WriteLine($"{Outcome(cases[i])}  ({Clock(clock.Elapsed)} elapsed, about {Clock(left)} left)");
            }
        }
        return batch with { Cases = cases };
    }

    /// <summary>Rounds still to run: every round of a case not found n/a, less those done.</summary>
    public static int RoundsLeft(IEnumerable<BatchCase> cases, int rounds) =>
        cases.Where(c => c.Status != CaseStatus.NotApplicable).Sum(c => Math.Max(0, rounds - c.RoundsDone));

    static string Outcome(BatchCase c)
    {
        if (c.Status != CaseStatus.Measured)
            return $"{c.Status}: {c.Reason}";
        string text = $"{UnitFormat.Format(c.EstimateNs!.Value, AxisUnit.Nanoseconds)}/{c.Unit} "
            + $"({UnitFormat.Format(c.InvocationNs!.Value, AxisUnit.Nanoseconds)} per invocation), {c.AllocatedBytesPerInvocation} B allocated";
        if (c.BelowResolution is { } problem)
            text += $"; {problem}";
        return AllocatesInHotLoop(c) ? text + " (should be 0 B)" : text;
    }

    public static bool AllocatesInHotLoop(BatchCase c) => c.AllocatedBytesPerInvocation > 0 && MustNotAllocate(c);

    /// <summary>An operation whose timed loop allocates nothing by design (Build allocates the list it builds).</summary>
    public static bool MustNotAllocate(BatchCase c) => s_mustNotAllocate.Contains(c.Operation.Split(':')[0]);

    static string Clock(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
