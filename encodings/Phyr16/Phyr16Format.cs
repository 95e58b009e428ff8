using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

internal unsafe struct Phyr16Format : ISegmentFormat
{
    public static int SlotBytes => sizeof(PhyrEntry);

    public static void InitChunk(byte* chunk, int slots) { }

    public static void WriteChain(byte* slot, byte* next) =>
        *(PhyrEntry*)slot = new PhyrEntry { Addr = (ulong)next, Flags = PhyrEntry.ChainFlag };

    public static byte* ChainTarget(byte* slot) => (byte*)((PhyrEntry*)slot)->ChainPtr;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSegment(byte* slot, PinnedPage page, uint offset, uint length) =>
        *(PhyrEntry*)slot = new PhyrEntry
        {
            Addr = page.Phys + offset,
            Len = length,
            Flags = page.Provider != 0 ? PhyrEntry.P2PFlag : 0,
        };

    public static uint Length(byte* slot) => ((PhyrEntry*)slot)->Len;

    public static void SetLength(byte* slot, uint length) => ((PhyrEntry*)slot)->Len = length;

    public static void MarkEnd(byte* slot) { }
}
