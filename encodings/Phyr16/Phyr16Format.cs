using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>phyr16's chunks: <see cref="PhyrEntry"/> slots, a full chunk's last one a CHAIN entry (the list and its dma_range list).</summary>
internal unsafe struct Phyr16Format<TLen> : IChunkFormat where TLen : struct, IPhyrLength
{
    public static int SlotBytes => sizeof(PhyrEntry);

    public static void InitChunk(byte* chunk, int slots) { }

    public static void WriteChain(byte* slot, byte* next) => TLen.Write((PhyrEntry*)slot, (ulong)next, 0, PhyrEntry.ChainFlag);

    public static byte* ChainTarget(byte* slot) => (byte*)((PhyrEntry*)slot)->ChainPtr;

    /// <summary>The entry a cursor stands on, past a CHAIN slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PhyrEntry* Follow(PhyrEntry* e) => (TLen.Flags(e) & PhyrEntry.ChainFlag) != 0 ? e->ChainPtr : e;
}
