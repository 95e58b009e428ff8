using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings.Internal;

namespace BenchSuite.Encodings.Scatterlist;

/// <summary>
/// DOC: scatterlist, the legacy kernel range list.
/// <para>
/// Origin: include/linux/scatterlist.h and lib/scatterlist.c, built by <c>sg_alloc_append_table_from_pages</c> as
/// <c>ib_umem_get</c> does (drivers/infiniband/core/umem.c), one GUP batch at a time with <c>left_pages</c>.
/// </para>
/// <code>
/// entry   32 B  page_link | offset | length | dma_address | dma_length | dma_flags   (see Scatterlist)
/// header  32 B  struct sg_append_table
/// chunk   min(slots needed, 128) entries; 128 = one page from __get_free_page, else kmalloc(n * 32);
///         a full chunk's last slot is the chain link: 127 data entries = 32.25 bytes/entry, 99.2 %
/// </code>
/// Merge rule: physically contiguous pages of the same pgmap, at most <c>max_segment</c> rounded down to a page
/// (counted in whole pages; the first offset is not subtracted); only the first entry has an offset, the last is
/// cut by the total length. Refuses: a <c>max_segment</c> below one page (-EINVAL). max_segment above UINT_MAX
/// is UINT_MAX, the widest the u32 length field and the kernel's parameter allow.
/// Walk: <c>sg_next</c>, O(1) per entry, chain slots followed; seek O(n).
/// <list type="bullet">
/// <item>Compared to phyr16: twice the bytes per entry, for DMA fields that an IOMMU mapping leaves unused past nents.</item>
/// <item>Compared to order8: one entry per contiguous run of any alignment, but 4× the bytes.</item>
/// </list>
/// </summary>
public unsafe struct SgTable : IRangeList<SgTable>
{
    SegmentTable<ScatterlistFormat>* _table;
    KernelAllocator _allocator;
    P2PWindows _windows;
    ulong _maxSegment;

    public static string Name => "scatterlist";

    public static string Description => "32-byte struct scatterlist in chained 4 KiB arrays, merged as sg_alloc_append_table_from_pages";
    public static int EntryBytes => sizeof(Scatterlist);
    public static RangeListTraits Traits => RangeListTraits.MergesContiguous | RangeListTraits.HonoursMaxSegment;

    /// <summary>Entries merge within the u32 length and the device's max_segment (<c>sg_alloc_append_table_from_pages</c>).</summary>
    public static RangeRule Rule(in BuildParameters parameters) => RangeRule.Within(uint.MaxValue, parameters);

    public static SgTable Create(KernelAllocator allocator, in BuildParameters parameters)
    {
        ulong maxSegment = Math.Min(parameters.MaxSegment, uint.MaxValue) & ~Page.OffsetMask;
        var table = SegmentTable<ScatterlistFormat>.Create(parameters, (uint)(maxSegment >> Page.Shift));
        return new SgTable { _table = table, _allocator = allocator, _windows = parameters.Windows, _maxSegment = maxSegment };
    }

    public bool TryAppend(ReadOnlySpan<PinnedPage> pages, ulong leftPages, out Refusal refusal)
    {
        if (_maxSegment < Page.Size)
        {
            refusal = Refusal.BelowOnePage(Name);
            return false;
        }
        _table->Append(pages, leftPages, _allocator);
        refusal = Refusal.None;
        return true;
    }

    public readonly long Entries => _table->Nents;

    public readonly Footprint Footprint => _table->Footprint(sizeof(SgAppendTable), EntryBytes);

    /// <summary>The kernel header this list would have (for tests and the DMA issue's nents/orig_nents).</summary>
    public readonly SgAppendTable AppendTable => new()
    {
        Sgl = (Scatterlist*)_table->Chain.First,
        Nents = (uint)_table->Nents,
        OrigNents = (uint)_table->Nents,
        Prv = (Scatterlist*)_table->Prv,
        TotalNents = (uint)_table->Chain.TotalSlots,
    };

    public readonly RangeCursor StartRanges() =>
        new() { Entry = _table->Chain.First, Remaining = _table->Nents };

    /// <summary>The first entry, for the DMA result written in place (<see cref="SgDmaInPlace"/>).</summary>
    internal readonly Scatterlist* Sgl => (Scatterlist*)_table->Chain.First;

    /// <summary><c>for_each_sg</c> over orig_nents.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool NextRange(ref RangeCursor cursor, out LogicalRange range)
    {
        if (cursor.Remaining == 0)
        {
            range = default;
            return false;
        }
        var sg = (Scatterlist*)cursor.Entry;
        ulong phys = sg->Phys;
        range = new LogicalRange(phys, sg->Length, _windows.ProviderOf(phys >> Page.Shift));
        cursor.Entry = (byte*)Scatterlist.Next(sg);
        cursor.Remaining--;
        return true;
    }

    public readonly RangeCursor Seek(ulong byteOffset, out ulong rangeStart) =>
        RangeListBuilder.SeekByWalking(this, byteOffset, out rangeStart);

    public void Dispose()
    {
        if (_table == null)
            return;
        SegmentTable<ScatterlistFormat>.Destroy(_table, _allocator);
        _table = null;
    }
}
