namespace BenchSuite.Encodings;

/// <summary>
/// An identity DMA result (dma-direct, no offset, no limits) is read from the list it came from: each range is a
/// segment at its physical address, P2P ranges flagged as bus addresses. Used by the outputs that describe such a
/// mapping by their input (order8, rlist_dma's identity mode), which call their source's <c>NextRange</c> directly:
/// on the concrete (readonly) list, not through a generic <c>in</c> parameter, which would copy it per entry.
/// </summary>
internal static class IdentityDma
{
    public static DmaSegment Segment(in LogicalRange range) => new(range.Phys, range.LengthBytes, range.IsP2P);
}
