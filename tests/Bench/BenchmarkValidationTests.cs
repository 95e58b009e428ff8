using BenchSuite.Bench.Benchmarks;
using BenchSuite.Bench.Benchmarks.Build;
using BenchSuite.Bench.Benchmarks.Consume;
using BenchSuite.Bench.Benchmarks.DmaMap;
using BenchSuite.Bench.Benchmarks.Floor;
using BenchSuite.Bench.Benchmarks.Iterate;
using BenchSuite.Bench.Benchmarks.IteratePages;
using BenchSuite.Bench.Benchmarks.Seek;
using BenchSuite.Bench.Benchmarks.Unpin;
using BenchSuite.Bench.Batch;
using BenchSuite.Encodings;
using BenchSuite.Encodings.Scatterlist;
using Xunit;

namespace BenchSuite.Tests.Bench;

/// <summary>A benchmark's setup fails a wrong encoding before anything is timed, and passes a right one.</summary>
public sealed class BenchmarkValidationTests
{
    static void Setup<TBenchmark>(Action<TBenchmark> setup) where TBenchmark : EncodingBenchmark<FaultyList>, new()
    {
        var benchmark = new TBenchmark { Scenario = "rdma-4k", Size = "64K" };
        try
        {
            setup(benchmark);
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    [Fact]
    public void AWrongRangeFailsSetup()
    {
        FaultyList.Fault = Fault.Range;
        try
        {
            var e = Assert.Throws<BenchmarkValidationException>(() => Setup<IterateBenchmark<FaultyList>>(b => b.Setup()));
            Assert.Contains("range 0 is", e.Message);

            FaultyList.Fault = Fault.Seek;
            e = Assert.Throws<BenchmarkValidationException>(() => Setup<SeekBenchmark<FaultyList>>(b => b.Setup()));
            Assert.Contains("seek landed on the wrong physical byte", e.Message);

            FaultyList.Fault = Fault.None;
            Setup<IterateBenchmark<FaultyList>>(b => b.Setup());
            Setup<SeekBenchmark<FaultyList>>(b => b.Setup());
        }
        finally
        {
            FaultyList.Fault = Fault.None;
        }
    }

    [Fact]
    public void FloorTakesEveryVariantsPayload()
    {
        // order8@escape=12's entries are 8 or 12 bytes: on rdma-4k at 64K its payload is 44 bytes, not whole words.
        BatchOperation floor = BatchOperation.All.Single(o => o.Id == "Floor");
        foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
        {
            string? reason = CaseRunner.Validate(floor.BenchmarkType(encoding), [("Scenario", "rdma-4k"), ("Size", "64K"), ("Seed", 1UL)]);
            Assert.True(reason is null, $"Floor {encoding}: {reason}");
        }
    }

    [Fact]
    public void EveryOperationValidatesEveryEncodingOnAP2PList()
    {
        // The dry batch runs one encoding on RAM; here every benchmark's setup runs for every variant, half the pages in a BAR.
        foreach (string encoding in EncodingRegistry.All.Select(v => v.Name))
        {
            foreach (BatchOperation operation in BatchOperation.All)
            {
                var parameters = new List<(string, object)> { ("Scenario", "p2p-mixed"), ("Size", "8M"), ("Seed", 1UL) };
                if (operation.VariantParameter is { } variant)
                    parameters.Add((variant, operation.Variant!));
                string? reason = CaseRunner.Validate(operation.BenchmarkType(encoding), parameters);
                bool busAddresses = operation.Id is "DmaMap:direct" or "DmaMap:p2p" or "DmaMap:iova-link" || operation.Name == "Consume";
                if (EncodingRegistry.Find(encoding).Rule(default).OneProvider)
                    Assert.Contains("provider", reason);   // physvec refuses a list of RAM and BAR pages
                else if (EncodingRegistry.Find(encoding).OutputTraits.HasFlag(DmaOutputTraits.NoBusAddressFlag) && busAddresses)
                    Assert.Contains("bus address", reason);   // hmm_dma_map's per-page P2P flag is not modelled
                else
                    Assert.True(reason is null, $"{operation.Id} {encoding}: n/a: {reason}");
            }
        }
    }

    [Fact]
    public void FloorReadsEnoughPassesForTheTimerAndChecksThePlannedCount()
    {
        Assert.Equal(1, FloorPasses.For(1 << 20));
        Assert.Equal(16, FloorPasses.For(4096));            // 512 THP entries of rlist: 4 KiB, 16 passes for 64 KiB
        Assert.Equal(FloorPasses.MinBytesPerInvocation, FloorPasses.For(1));

        var planned = new FloorBenchmark<SgTable> { Scenario = "rdma-4k", Size = "64K" };
        try
        {
            planned.Setup();
            Assert.True(planned.Passes > 1);
            ulong onePass = planned.Floor() / (ulong)planned.Passes;
            Assert.Equal(onePass * (ulong)planned.Passes, planned.Floor());
        }
        finally
        {
            planned.Cleanup();
        }
        var wrong = new FloorBenchmark<SgTable> { Scenario = "rdma-4k", Size = "64K", Passes = 1 };
        try
        {
            Assert.Contains("passes planned", Assert.Throws<BenchmarkValidationException>(wrong.Setup).Message);
        }
        finally
        {
            wrong.Cleanup();
        }
    }

    [Fact]
    public void NoWarmBenchmarkAllocates()
    {
        foreach (string encoding in EncodingRegistry.Names)
        {
            foreach (BatchOperation operation in BatchOperation.All)
            {
                long allocated = EncodingRegistry.Visit(encoding, new AllocationProbe(operation));
                Assert.True(allocated == 0, $"{operation.Id} {encoding} allocates {allocated} B per call");
            }
        }
    }

    /// <summary>Sets one benchmark up on rdma-4k 64K, calls it once to warm it, and counts what a second call allocates.</summary>
    sealed class AllocationProbe(BatchOperation operation) : IEncodingVisitor<long>
    {
        public long Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList>
        {
            const string scenario = "rdma-4k", size = "64K";
            switch (operation.Name)
            {
                case "Build": { var b = new BuildBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.Build); }
                case "Iterate": { var b = new IterateBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.Iterate); }
                case "IteratePages": { var b = new IteratePagesBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.IteratePages); }
                case "Seek": { var b = new SeekBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.Seek); }
                case "DmaMap": { var b = new DmaMapBenchmark<TList, TDma> { Scenario = scenario, Size = size, Mapper = operation.Variant! }; return Measure(b, b.Setup, b.DmaMap); }
                case "Consume": { var b = new ConsumeBenchmark<TList, TDma> { Scenario = scenario, Size = size, Consumer = operation.Variant! }; return Measure(b, b.Setup, b.Consume); }
                case "Unpin": { var b = new UnpinBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.Unpin); }
                case "Floor": { var b = new FloorBenchmark<TList> { Scenario = scenario, Size = size }; return Measure(b, b.Setup, b.Floor); }
                default: throw new ArgumentException(operation.Name);
            }
        }

        static long Measure<TList, TResult>(EncodingBenchmark<TList> benchmark, Action setup, Func<TResult> run)
            where TList : struct, IRangeList<TList>
        {
            setup();
            try
            {
                run();
                long before = GC.GetAllocatedBytesForCurrentThread();
                run();
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }
            finally
            {
                benchmark.Cleanup();
            }
        }
    }
}
