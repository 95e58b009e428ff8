using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings.Internal;

/// <summary>
/// The slots of a proposal's entries under its chain policy: a <see cref="ChunkChain{TFormat}"/>, or one flat
/// kvmalloc'ed array sized at the first take for every slot still needed (<see cref="FlatArray"/>). A counting
/// allocator gives a flat array larger than its scratch buffer a window, which the slots then wrap around.
/// </summary>
internal unsafe struct SlotStore<TFormat, TChain>
    where TFormat : struct, IChunkFormat
    where TChain : struct, IChainPolicy
{
    ChunkChain<TFormat> _chain;
    byte* _flat;
    byte* _next;
    byte* _window;
    long _taken;
    long _capacity;

    /// <summary>For a flat array: the slots to size it for, every slot the pages could need (0: what the first take needs).</summary>
    public long FlatSlots;

    public readonly byte* First => TChain.Flat ? _flat : _chain.First;

    /// <summary><paramref name="slots"/> adjacent slots; <paramref name="needed"/> bounds the slots still to be taken, these included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* Take(int slots, long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        if (!TChain.Flat)
            return _chain.Take(slots, needed, allocator, ref tally);
        if (_flat == null)
            AllocateFlat(needed, allocator, ref tally);
        _taken += slots;
        if (_taken > _capacity)
            throw new InvalidOperationException("a flat array was sized below the slots its builder said it needed");
        if (_next + slots * TFormat.SlotBytes > _window)
            _next = _flat;
        byte* slot = _next;
        _next += slots * TFormat.SlotBytes;
        return slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void AllocateFlat(long needed, KernelAllocator allocator, ref AllocationTally tally)
    {
        _capacity = FlatSlots > 0 ? FlatSlots : needed;
        _flat = allocator.Allocate(AllocationClass.Kvmalloc, _capacity * TFormat.SlotBytes, ref tally, out long usable);
        TFormat.InitChunk(_flat, (int)(usable / TFormat.SlotBytes));
        _next = _flat;
        _window = _flat + usable;
    }

    public void Free(KernelAllocator allocator, ref AllocationTally tally)
    {
        if (!TChain.Flat)
        {
            _chain.Free(allocator, ref tally);
            return;
        }
        if (allocator.Counting)
            allocator.ReleaseCounted(ref tally);
        else if (_flat != null)
            allocator.Free(_flat, AllocationClass.Kvmalloc, _capacity * TFormat.SlotBytes, ref tally);
        this = default;
    }
}
