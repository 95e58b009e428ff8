using BenchSuite.Bench.Batch;
using BenchSuite.Reports.Results;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>The rounds' shuffled order replays from its seed, and the rounds left are counted from the cases.</summary>
public sealed class BatchPlanTests
{
    [Fact]
    public void EachRoundIsAPermutationThatReplaysFromTheSeed()
    {
        var cases = Enumerable.Range(0, 200).ToList();
        var first = BatchPlan.RoundOrder(cases, orderSeed: 42, round: 0);
        Assert.Equal(cases, first.Order());
        Assert.Equal(first, BatchPlan.RoundOrder(cases, orderSeed: 42, round: 0));
        Assert.NotEqual(first, BatchPlan.RoundOrder(cases, orderSeed: 42, round: 1));
        Assert.NotEqual(first, BatchPlan.RoundOrder(cases, orderSeed: 43, round: 0));
        Assert.NotEqual(cases, first);
    }

    [Fact]
    public void RoundsLeftSkipsCasesFoundNotApplicable()
    {
        BatchCase Case(string status, int done) => new("Iterate/rlist/rdma-4k/1G", "Iterate", "rlist", "rdma-4k", "1G", 1UL << 30, 262144, "page",
            262144, status, null, null, Enumerable.Range(0, done).Select(r => $"r{r}.json").ToList(), null, null, null, null, null, null);
        BatchCase[] cases = [Case(CaseStatus.Planned, 0), Case(CaseStatus.Measured, 3), Case(CaseStatus.Measured, 8), Case(CaseStatus.NotApplicable, 0), Case(CaseStatus.Failed, 2)];
        Assert.Equal(8 + 5 + 0 + 0 + 6, BatchRunner.RoundsLeft(cases, rounds: 8));
    }
}
