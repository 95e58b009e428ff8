namespace BenchSuite.Encodings;

/// <summary>What an encoding's DMA output can and cannot hold: facts the mappers' refusals follow from, for the tests and reports.</summary>
[Flags]
public enum DmaOutputTraits
{
    None = 0,
    /// <summary>Written over the list's own entries (the scatterlist's dma fields): it cannot hold more segments than entries.</summary>
    InPlace = 1 << 0,
    /// <summary>Cannot mark a segment as a peer's bus address (a bare dma_addr_t per page): a P2P mapping is refused.</summary>
    NoBusAddressFlag = 1 << 1,
}
