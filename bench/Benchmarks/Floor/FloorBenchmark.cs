using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Floor;

/// <summary>
/// The memory-read floor for <see cref="Iterate.IterateBenchmark{TList}"/>: a plain array of exactly the list's entry
/// bytes (<see cref="Footprint.PayloadBytes"/>), read as fast as this machine reads memory: 256-bit loads into two
/// independent sums, so neither the add chain nor the load count limits it before the memory does. Iterate over Floor
/// is what the encoding's format costs beyond reading its bytes.
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
        ReadOnlySpan<ulong> words = _words;
        var a = Vector256<ulong>.Zero;
        var b = Vector256<ulong>.Zero;
        int i = 0;
        for (; i + 2 * Vector256<ulong>.Count <= words.Length; i += 2 * Vector256<ulong>.Count)
        {
            a += Vector256.Create(words.Slice(i, Vector256<ulong>.Count));
            b += Vector256.Create(words.Slice(i + Vector256<ulong>.Count, Vector256<ulong>.Count));
        }
        ulong sum = Vector256.Sum(a + b);
        for (; i < words.Length; i++)
            sum += words[i];
        return sum;
    }
}
