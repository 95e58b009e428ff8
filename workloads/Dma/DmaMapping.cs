using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// What a mapping holds until it is unmapped: the IOVA span (none for dma-direct), how many IOVA allocations it holds
/// there (one, or one per range where ranges are mapped alone), and how many segments the device was given.
/// <para>
/// Under <c>iova-link</c> with one window, the caller keeps a <c>struct dma_iova_state { dma_addr_t addr; u64 __size; }</c>
/// (include/linux/dma-mapping.h) and no list: <see cref="InState"/>, the window being
/// [<see cref="StateAddress"/>, + <see cref="StateSize"/>). <see cref="StateBytes"/> is what the caller keeps beside
/// the output for it (16 B; 0 where the output embeds the state, as <c>struct hmm_dma_map</c> does).
/// </para>
/// </summary>
public readonly record struct DmaMapping(ulong IovaBase, ulong IovaBytes, long Segments, int IovaAllocations = 1)
{
    /// <summary>sizeof(struct dma_iova_state).</summary>
    public const int IovaStateBytes = 16;

    public bool UsesIova => IovaBytes != 0;

    /// <summary>The mapping is described by its dma_iova_state alone; the encoding's DMA output holds nothing.</summary>
    public bool InState { get; init; }

    public ulong StateAddress { get; init; }

    public ulong StateSize { get; init; }

    public int StateBytes { get; init; }

    /// <summary>
    /// What the caller keeps for this mapping: the dma_iova_state alone when it describes the mapping (the output
    /// was never filled, so not even its header is kept), else the output's footprint and the state beside it.
    /// </summary>
    public Footprint Stored(in Footprint output) => InState
        ? new Footprint(Entries: 0, PayloadBytes: 0, HeaderBytes: StateBytes, AllocatedBytes: 0, Allocations: 0, LargestAllocationBytes: 0)
        : output with { HeaderBytes = output.HeaderBytes + StateBytes };
}
