using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Order8;

internal unsafe struct Order8Format : IChunkFormat
{
    public static int SlotBytes => sizeof(ulong);

    public static void InitChunk(byte* chunk, int slots) { }

    public static void WriteChain(byte* slot, byte* next) => *(ulong*)slot = Order8Entry.Chain((ulong)next);

    public static byte* ChainTarget(byte* slot) => (byte*)Order8Entry.ChainPtr(*(ulong*)slot);
}
