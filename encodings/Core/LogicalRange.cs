namespace BenchSuite.Encodings;

/// <summary>
/// What iterating any encoding yields: a physically contiguous byte range and who owns it
/// (<see cref="Provider"/> 0 is RAM, otherwise the P2P provider of a device BAR).
/// </summary>
public readonly record struct LogicalRange(ulong Phys, ulong LengthBytes, int Provider)
{
    public bool IsP2P => Provider != 0;
    public ulong End => Phys + LengthBytes;

    public override string ToString() =>
        $"[0x{Phys:x} +0x{LengthBytes:x}]" + (Provider == 0 ? "" : $" p2p:{Provider}");
}
