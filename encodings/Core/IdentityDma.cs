using System.Runtime.CompilerServices;

namespace BenchSuite.Encodings;

/// <summary>
/// An identity DMA result (dma-direct, no offset, no limits) is read from the list it came from: each range is a
/// segment at its physical address, P2P ranges flagged as bus addresses. Used by the outputs that describe such a
/// mapping by their input (order8, rlist_dma's identity mode).
/// </summary>
internal static class IdentityDma
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Next<TList>(in TList list, ref RangeCursor cursor, out DmaSegment segment)
        where TList : struct, IRangeList<TList>
    {
        bool more = list.NextRange(ref cursor, out LogicalRange range);
        segment = new DmaSegment(range.Phys, range.LengthBytes, range.IsP2P);
        return more;
    }
}
