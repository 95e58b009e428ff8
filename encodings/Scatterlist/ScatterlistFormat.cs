using System.Runtime.CompilerServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Scatterlist;

/// <summary>How <see cref="SgTable"/> writes <see cref="Scatterlist"/> slots into the shared chunk chain.</summary>
internal unsafe struct ScatterlistFormat : ISegmentFormat
{
    public static int SlotBytes => sizeof(Scatterlist);

    /// <summary><c>sg_init_table</c>: zeroed, END on the last slot.</summary>
    public static void InitChunk(byte* chunk, int slots)
    {
        new Span<Scatterlist>(chunk, slots).Clear();
        ((Scatterlist*)chunk)[slots - 1].MarkEnd();
    }

    public static void WriteChain(byte* slot, byte* next) => ((Scatterlist*)slot)->Chain((Scatterlist*)next);

    public static byte* ChainTarget(byte* slot) => (byte*)((Scatterlist*)slot)->ChainPtr;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSegment(byte* slot, PinnedPage page, uint offset, uint length) =>
        ((Scatterlist*)slot)->SetPage(Page.PointerOf(page.Pfn), length, offset);

    public static uint Length(byte* slot) => ((Scatterlist*)slot)->Length;

    public static void SetLength(byte* slot, uint length) => ((Scatterlist*)slot)->Length = length;

    public static void MarkEnd(byte* slot) => ((Scatterlist*)slot)->MarkEnd();
}
