using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using System.Runtime.Intrinsics;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Floor;

/// <summary>
/// The memory-read floor for <see cref="Iterate.IterateBenchmark{TList}"/>: exactly the list's entry bytes
/// (<see cref="Footprint.PayloadBytes"/>) in one block of native memory aligned to a cache line, read as fast as this
/// machine reads memory: 256-bit aligned loads through a pointer (no bounds checks) into two independent sums, so
/// neither the add chain nor the load count limits it before the memory does. Iterate over Floor is what the
/// encoding's format costs beyond reading its bytes.
/// </summary>
public unsafe class FloorBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    const int CacheLine = 64;

    ulong* _words;
    long _count;

    protected override void SetUpOperation()
    {
        long bytes = List.Footprint.PayloadBytes;
        Check(bytes > 0 && bytes % sizeof(ulong) == 0, $"payload of {bytes} bytes is not whole words");
        _count = bytes / sizeof(ulong);
        _words = (ulong*)NativeMemory.AlignedAlloc((nuint)bytes, CacheLine);
        ulong expected = 0;
        for (long i = 0; i < _count; i++)
            expected += _words[i] = (ulong)i * 0x9E3779B97F4A7C15;
        Check(Floor() == expected, "the floor's sum is wrong");
    }

    [Benchmark]
    public ulong Floor()
    {
        ulong* words = _words;
        long count = _count;
        var a = Vector256<ulong>.Zero;
        var b = Vector256<ulong>.Zero;
        long i = 0;
        for (; i + 2 * Vector256<ulong>.Count <= count; i += 2 * Vector256<ulong>.Count)
        {
            a += Vector256.LoadAligned(words + i);
            b += Vector256.LoadAligned(words + i + Vector256<ulong>.Count);
        }
        ulong sum = Vector256.Sum(a + b);
        for (; i < count; i++)
            sum += words[i];
        return sum;
    }

    protected override void CleanUpOperation()
    {
        NativeMemory.AlignedFree(_words);
        _words = null;
    }
}
