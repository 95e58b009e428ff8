using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Floor;

/// <summary>
/// The memory-read floor for <see cref="Iterate.IterateBenchmark{TList}"/>: a plain array of exactly the list's entry
/// bytes (<see cref="Footprint.PayloadBytes"/>), summed one word at a time, as a walk that had nothing to decode would
/// read it. Iterate over Floor is what the encoding's format costs beyond reading its bytes.
/// </summary>
public class FloorBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    ulong[] _words = [];

    [GlobalSetup]
    public void Setup()
    {
        SetUpList();
        long bytes = List.Footprint.PayloadBytes;
        Check(bytes > 0 && bytes % sizeof(ulong) == 0, $"payload of {bytes} bytes is not whole words");
        _words = new ulong[bytes / sizeof(ulong)];
        ulong expected = 0;
        for (int i = 0; i < _words.Length; i++)
            expected += _words[i] = (ulong)i * 0x9E3779B97F4A7C15;
        Check(Floor() == expected, "the floor's sum is wrong");
    }

    [Benchmark]
    public ulong Floor()
    {
        ulong sum = 0;
        foreach (ulong word in _words)
            sum += word;
        return sum;
    }
}
