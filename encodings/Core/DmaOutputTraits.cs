namespace BenchSuite.Encodings;

/// <summary>What an encoding's DMA output can and cannot hold: facts the mappers' refusals follow from, for the tests and reports.</summary>
[Flags]
public enum DmaOutputTraits
{
    None = 0,
    /// <summary>Written over the list's own entries (the scatterlist's dma fields): it cannot hold more segments than entries.</summary>
    InPlace = 1 << 0,
    /// <summary>Cannot mark a segment as a peer's bus address as the suite models it (hmm_dma_map's per-page flag is not): a P2P mapping is refused.</summary>
    NoBusAddressFlag = 1 << 1,
    /// <summary>One entry per page, not per segment (hmm_dma_map's pfn_list): its entries are not the mapping's segments.</summary>
    PerPage = 1 << 2,
    /// <summary>Describes an identity mapping by the input list itself, and a linear IOVA as one entry (order8, rlist_dma; claim C9).</summary>
    IdentityByInput = 1 << 3,
}
