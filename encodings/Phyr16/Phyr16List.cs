using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Phyr16;

/// <summary>
/// DOC: phyr16, a fixed 16-byte physical range list.
/// <para>
/// Origin: Matthew Wilcox's "Phyr Starter" (linux-mm, Jan 2022: <c>struct phyr { phys_addr_t addr; size_t len; }</c>),
/// Logan Gunthorpe's phy_range/dma_range series (2022) and Christoph Hellwig's <c>{phys, u32 len}</c> with flags;
/// today's block-layer <c>struct phys_vec</c> (block/blk-mq-dma.c) is the same 16 bytes.
/// </para>
/// <code>
/// entry   16 B  addr u64 | len u32 | flags u32 (P2P, CHAIN)             (see PhyrEntry)
/// header  16 B  first chunk, nents                                       (see Phyr16Header)
/// chunk   the scatterlist's policy: min(slots needed, 256); 256 = one page, last slot CHAIN
///         → 255 entries per page = 16.06 bytes/entry
/// </code>
/// Merge rule: physically contiguous pages of the same pgmap while len fits u32, capped page-aligned at 4 GiB − 4 KiB;
/// built by the scatterlist's own append algorithm so the two differ only by entry format. No max_segment: the
/// device limit is applied when mapping. Refuses nothing a page list can hold.
/// Walk: O(1) per entry by count, CHAIN slots followed; seek O(n).
/// <list type="bullet">
/// <item>Compared to scatterlist: half the bytes; the DMA result goes to a separate dma_range list.</item>
/// <item>Compared to order8: any alignment in one entry, but twice the bytes for aligned runs.</item>
/// </list>
/// </summary>
public unsafe struct Phyr16List : IRangeList<Phyr16List>
{
    SegmentTable<Phyr16Format>* _table;
    KernelAllocator _allocator;
    P2PWindows _windows;

    public static string Name => "phyr16";

    public static string Description => "16-byte {phys, len, flags} phyr entries in get_next_sg chunks (Phyr Starter, 2022)";
    public static int EntryBytes => sizeof(PhyrEntry);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous;

    public static Phyr16List Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        var table = SegmentTable<Phyr16Format>.Create(parameters, PhyrEntry.MaxLength >> Page.Shift);
        return new Phyr16List { _table = table, _allocator = allocator, _windows = parameters.Windows };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        _table->Append(pages, leftPages, _allocator);
        refusal = Refusal.None;
        return true;
    }

    public readonly long Entries => _table->Nents;

    public readonly Footprint Footprint => _table->Footprint(sizeof(Phyr16Header), EntryBytes);

    public readonly RangeCursor StartRanges() =>
        new() { Entry = _table->Chain.First, Remaining = _table->Nents };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        var e = (PhyrEntry*)cursor.Entry;
        if (e->IsChain)
            e = e->ChainPtr;
        range = new LogicalRange(e->Addr, e->Len, e->IsP2P ? _windows.ProviderOf(e->Addr >> Page.Shift) : 0);
        cursor.Entry = (byte*)(e + 1);
        cursor.Remaining--;
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

    public void Dispose()
    {
        if (_table == null)
            return;
        SegmentTable<Phyr16Format>.Destroy(_table, _allocator);
        _table = null;
    }
}
