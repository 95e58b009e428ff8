namespace BenchSuite.Encodings;

/// <summary>
/// One address range a device is given: what every DMA output stores and every consumer reads.
/// <see cref="BusAddress"/> marks a PCI bus address of a peer's BAR (<c>SG_DMA_BUS_ADDRESS</c>): untranslated,
/// never merged with IOVA, and not unmapped.
/// </summary>
public readonly record struct DmaSegment(ulong Address, ulong Length, bool BusAddress = false)
{
    public ulong End => Address + Length;

    public override string ToString() => $"[0x{Address:x} +0x{Length:x}]" + (BusAddress ? " bus" : "");
}
