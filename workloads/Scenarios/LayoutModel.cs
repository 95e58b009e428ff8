namespace BenchSuite.Workloads.Scenarios;

/// <summary>
/// The parameters of a generated physical layout. Folios are drawn by <see cref="FolioOrders"/> weights and grouped in
/// physically contiguous runs whose length in folios is drawn by <see cref="RunFolios"/> weights; runs are separated
/// by gaps of 1..8 folio-sized blocks. With <see cref="P2PSegmentBytes"/> set, every <see cref="RamSegmentBytes"/> of RAM
/// is followed by that many contiguous bytes of a device BAR.
/// </summary>
public sealed record LayoutModel(
    (int Order, int Weight)[] FolioOrders,
    (int Folios, int Weight)[] RunFolios,
    uint FirstOffset = 0,
    ulong RamSegmentBytes = 0,
    ulong P2PSegmentBytes = 0)
{
    public bool HasP2P => P2PSegmentBytes > 0;

    /// <summary>The parameters in one line, for <c>list</c>.</summary>
    public string Summary()
    {
        string orders = string.Join(" ", FolioOrders.Select(o => $"{FolioSize(o.Order)}:{o.Weight}"));
        string runs = string.Join(" ", RunFolios.Select(r => $"{r.Folios}:{r.Weight}"));
        string p2p = HasP2P ? $", {ByteSize.Format(RamSegmentBytes)} RAM then {ByteSize.Format(P2PSegmentBytes)} BAR" : "";
        return $"folios {orders}; runs (folios:weight) {runs}; offset {FirstOffset}{p2p}";
    }

    static string FolioSize(int order) => ByteSize.Format(4096UL << order);
}
