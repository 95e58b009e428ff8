using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>phyr16's chunks: <see cref="PhyrEntry"/> slots, a full chunk's last one a CHAIN entry (the list and its dma_range list).</summary>
internal unsafe struct Phyr16Format : IChunkFormat
{
    public static int SlotBytes => sizeof(PhyrEntry);

    public static void InitChunk(byte* chunk, int slots) { }

    public static void WriteChain(byte* slot, byte* next) =>
        *(PhyrEntry*)slot = new PhyrEntry { Addr = (ulong)next, Flags = PhyrEntry.ChainFlag };

    public static byte* ChainTarget(byte* slot) => (byte*)((PhyrEntry*)slot)->ChainPtr;
}
