using System.Runtime.InteropServices;

namespace BenchSuite.Bench.Benchmarks;

/// <summary>
/// Moves where the next native allocations land: takes a seeded number of blocks of seeded sizes (64 B to 64 KiB)
/// from the native heap and holds them until disposed, so a list built after it sits at other addresses, with
/// other cache sets and page offsets, than one built in the same heap without it. Placement 0 takes nothing.
/// </summary>
public sealed unsafe class PlacementSpacer : IDisposable
{
    readonly List<nint> _blocks = [];

    public PlacementSpacer(int placement)
    {
        if (placement == 0)
            return;
        var random = new Random(placement);
        int count = random.Next(1, 64);
        for (int i = 0; i < count; i++)
        {
            nuint bytes = (nuint)(64 << random.Next(0, 11)) + (nuint)random.Next(0, 64) * 8;
            void* block = NativeMemory.Alloc(bytes);
            *(byte*)block = 1;   // touched, so the page is really taken
            _blocks.Add((nint)block);
        }
    }

    public void Dispose()
    {
        foreach (nint block in _blocks)
            NativeMemory.Free((void*)block);
        _blocks.Clear();
    }
}
