using BenchSuite.Workloads.Scenarios;

namespace BenchSuite.Bench.Benchmarks.Seek;

/// <summary>The byte offsets every encoding seeks to: <see cref="Count"/> of them, uniform over the buffer, fixed by the seed.</summary>
public static class SeekOffsets
{
    /// <summary>Seeks per invocation: enough to average over positions, few enough for O(n) seeks on 1 GiB lists.</summary>
    public const int Count = 64;

    public static ulong[] For(ulong lengthBytes, ulong seed)
    {
        var random = new SplitMix64(seed ^ 0x5EE4);
        var offsets = new ulong[Count];
        for (int i = 0; i < offsets.Length; i++)
            offsets[i] = random.Below(lengthBytes);
        return offsets;
    }
}
