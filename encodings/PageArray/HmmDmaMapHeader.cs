using System.Runtime.InteropServices;

namespace BenchSuite.Encodings.PageArray;

/// <summary>
/// <c>struct hmm_dma_map</c> (include/linux/hmm-dma.h), embedded in its holder: the <c>dma_iova_state</c>
/// <c>{ dma_addr_t addr; u64 __size; }</c>, <c>pfn_list</c>, <c>dma_list</c> and <c>dma_entry_size</c> = 40 B.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
public unsafe struct HmmDmaMapHeader
{
    [FieldOffset(0)] public ulong IovaAddr;
    [FieldOffset(8)] public ulong IovaSize;
    [FieldOffset(16)] public ulong* PfnList;
    [FieldOffset(24)] public ulong* DmaList;
    [FieldOffset(32)] public ulong DmaEntrySize;
}
