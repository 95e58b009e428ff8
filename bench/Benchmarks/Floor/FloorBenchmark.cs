using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using System.Runtime.Intrinsics;
using BenchSuite.Encodings;

namespace BenchSuite.Bench.Benchmarks.Floor;

/// <summary>
/// The memory-read floor for <see cref="Iterate.IterateBenchmark{TList}"/>: the list's entry bytes
/// (<see cref="Footprint.PayloadBytes"/>; a format of 12-byte entries leaves a 4-byte tail, read as one more word) in
/// one block of native memory aligned to a cache line, read as fast as this
/// machine reads memory: 256-bit aligned loads through a pointer (no bounds checks) into two independent sums, so
/// neither the add chain nor the load count limits it before the memory does. Iterate over Floor is what the
/// encoding's format costs beyond reading its bytes.
/// <para>
/// A list of a few hundred entries has a payload of a few KiB, read in tens of nanoseconds: below what a timer
/// resolves. So one invocation reads the payload <see cref="Passes"/> times (<see cref="FloorPasses"/>), and the batch
/// counts pages × passes as its units: the time per page is that of one pass, and a small list stays in cache across
/// passes as it does across invocations of Iterate.
/// </para>
/// </summary>
public unsafe class FloorBenchmark<TList> : EncodingBenchmark<TList> where TList : struct, IRangeList<TList>
{
    const int CacheLine = 64;

    /// <summary>Set by the batch from the list's payload (<see cref="FloorPasses.For"/>), and checked; 0 takes it from the list built.</summary>
    public int Passes { get; set; }

    ulong* _words;
    long _count;

    protected override void SetUpOperation()
    {
        long bytes = List.Footprint.PayloadBytes;
        Check(bytes > 0 && bytes % sizeof(uint) == 0, $"payload of {bytes} bytes is not whole 4-byte slots");
        if (Passes == 0)
            Passes = FloorPasses.For(bytes);
        Check(Passes == FloorPasses.For(bytes), $"{Passes} passes planned over {bytes} bytes of payload, {FloorPasses.For(bytes)} needed");
        _count = (bytes + sizeof(ulong) - 1) / sizeof(ulong);
        _words = (ulong*)NativeMemory.AlignedAlloc((nuint)(_count * sizeof(ulong)), CacheLine);
        ulong expected = 0;
        for (long i = 0; i < _count; i++)
            expected += _words[i] = (ulong)i * 0x9E3779B97F4A7C15;
        Check(Floor() == expected * (ulong)Passes, "the floor's sum is wrong");
    }

    [Benchmark]
    public ulong Floor()
    {
        ulong sum = 0;
        for (int pass = 0; pass < Passes; pass++)
            sum += Sum(_words, _count);
        return sum;
    }

    static ulong Sum(ulong* words, long count)
    {
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
