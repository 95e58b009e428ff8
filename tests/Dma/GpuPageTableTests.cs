using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma.Consumers;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>
/// The xe GPU page table consumer against tables worked out by hand from drivers/gpu/drm/xe/xe_pt.c
/// (<c>xe_pt_stage_bind_entry</c>, <c>xe_pt_hugepte_possible</c>, <c>xe_pt_scan_64K</c>, <c>xe_pt_is_pte_ps64K</c>)
/// and xe_res_cursor.h.
/// </summary>
public class GpuPageTableTests
{
    /// <summary>512 GiB aligned, so a bind here opens one table per level it reaches.</summary>
    const ulong Va = 0x7f00_0000_0000;

    /// <summary>1 GiB aligned DMA base.</summary>
    const ulong Dma = 1UL << 32;

    const ulong K4 = 1 << 12, K64 = 1 << 16, M1 = 1 << 20, M2 = 1 << 21, G1 = 1 << 30;

    static GpuPageTable Bind(ulong va, IEnumerable<DmaSegment> segments, bool compact64K = true)
    {
        GpuPageTable table = GpuPageTable.Create(compact64K);
        Feed(table, va, segments);
        return table;
    }

    /// <summary>A bind into <paramref name="table"/> (a handle: its state is native, so a copy binds the same table).</summary>
    static void Feed(GpuPageTable table, ulong va, IEnumerable<DmaSegment> segments)
    {
        table.Reset(va);
        foreach (DmaSegment s in segments)
            table.Add(s);
        table.Complete();
    }

    /// <summary>32 chunks of 64 KiB, 64 KiB aligned and scattered (chunk i at slot 3i), as 64 KiB mTHP folios map.</summary>
    static IEnumerable<DmaSegment> Chunks64K(int count, ulong dma = Dma) =>
        Enumerable.Range(0, count).Select(i => new DmaSegment(dma + (ulong)i * 3 * K64, K64));

    static (ulong Dma, ulong PageSize, ulong Pte) Translate(in GpuPageTable table, ulong va)
    {
        Assert.True(table.TryTranslate(va, out ulong dma, out ulong pageSize, out ulong pte), $"VA 0x{va:x} is not mapped");
        return (dma, pageSize, pte);
    }

    [Fact]
    public void A_2MiB_aligned_4MiB_segment_takes_two_2MiB_leaves()
    {
        // xe_pt_hugepte_possible at level 1: the VA range covers each 2 MiB entry, the one segment covers it, the DMA
        // address is 2 MiB aligned. No level-0 table: the root's L2 and L2's L1 tables only.
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma, 2 * M2)]);
        Assert.Equal(2, table.Ptes2M);
        Assert.Equal(2, table.Ptes);
        Assert.Equal(2, table.TablePages);
        Assert.Equal(2, table.Pdes);
        (ulong dma, ulong size, ulong pte) = Translate(table, Va + M2 + 0x1234);
        Assert.Equal(Dma + M2 + 0x1234, dma);
        Assert.Equal(M2, size);
        Assert.Equal(Dma + M2 | GpuPageTable.PagePresent | GpuPageTable.PageRw | GpuPageTable.PageSize2M1G, pte);
    }

    [Fact]
    public void A_1GiB_aligned_1GiB_segment_takes_one_1GiB_leaf()
    {
        // xe_pt_hugepte_possible at level 2 (MAX_HUGEPTE_LEVEL is 2): XE_PDPE_PS_1G in the level-2 table.
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma, G1)]);
        Assert.Equal(1, table.Ptes1G);
        Assert.Equal(1, table.Ptes);
        Assert.Equal(1, table.TablePages);
        Assert.Equal(G1, Translate(table, Va + 5 * M2).PageSize);
    }

    [Fact]
    public void A_2MiB_segment_at_a_DMA_address_only_64KiB_aligned_takes_no_2MiB_leaf()
    {
        // xe_pt_hugepte_possible: IS_ALIGNED(dma, size) fails; the level-0 table is compact (every chunk aligned).
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma + K64, M2)]);
        Assert.Equal(0, table.Ptes2M);
        Assert.Equal(32, table.Ptes64K);
    }

    [Fact]
    public void A_64KiB_aligned_128KiB_segment_gets_4KiB_PTEs_with_the_PS64_hint()
    {
        // The range does not cover its 2 MiB, so no compact table (xe_pt_stage_bind_entry needs `covers`); both
        // chunks pass xe_pt_scan_64K, so xe_pt_is_pte_ps64K sets XE_PTE_PS64 on their 32 PTEs.
        using GpuPageTable table = Bind(Va + 3 * K64, [new DmaSegment(Dma + 5 * K64, 2 * K64)]);
        Assert.Equal(32, table.Ptes4KPs64);
        Assert.Equal(0, table.Ptes4K);
        Assert.Equal(0, table.Ptes64K);
        Assert.Equal(3, table.TablePages);
        (ulong dma, ulong size, ulong pte) = Translate(table, Va + 4 * K64 + K4);
        Assert.Equal(Dma + 6 * K64 + K4, dma);
        Assert.Equal(K4, size);
        Assert.Equal(GpuPageTable.PtePs64, pte & GpuPageTable.PtePs64);
    }

    [Fact]
    public void A_64KiB_chunk_needs_the_VA_and_the_DMA_address_aligned_together()
    {
        // xe_pt_scan_64K: IS_ALIGNED(addr, SZ_64K) and IS_ALIGNED(xe_res_dma(&curs), SZ_64K). VA 4 KiB past a 64 KiB
        // boundary against an aligned DMA address: no chunk lines up, 32 plain PTEs.
        using GpuPageTable table = Bind(Va + K4, [new DmaSegment(Dma, 2 * K64)]);
        Assert.Equal(32, table.Ptes4K);
        Assert.Equal(0, table.Ptes4KPs64);
    }

    [Fact]
    public void A_64KiB_chunk_split_across_two_DMA_contiguous_segments_gets_no_hint()
    {
        // xe_pt_scan_64K: curs.size < SZ_64K, the cursor's size being what is left of one sg entry (__xe_res_sg_next).
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma, K64 / 2), new DmaSegment(Dma + K64 / 2, K64 / 2)]);
        Assert.Equal(16, table.Ptes4K);
        Assert.Equal(0, table.Ptes4KPs64);
    }

    [Fact]
    public void Scattered_4KiB_pages_take_one_plain_4KiB_PTE_each()
    {
        // Level 0 of xe_pt_stage_bind_entry: one PTE per page, no hint (no 64 KiB chunk is contiguous).
        var pages = Enumerable.Range(0, 8).Select(i => new DmaSegment(Dma + (ulong)i * 3 * K4, K4)).ToList();
        using GpuPageTable table = Bind(Va, pages);
        Assert.Equal(8, table.Ptes4K);
        Assert.Equal(8, table.Ptes);
        Assert.Equal(3, table.TablePages);
        Assert.Equal(3, table.Pdes);
        for (int i = 0; i < 8; i++)
            Assert.Equal(pages[i].Address + 0x10, Translate(table, Va + (ulong)i * K4 + 0x10).Dma);
        Assert.False(table.TryTranslate(Va + 8 * K4, out _, out _, out _));
    }

    [Fact]
    public void Thirty_two_scattered_64KiB_chunks_over_a_whole_2MiB_make_a_compact_table()
    {
        // xe_pt_stage_bind_entry at level 1: GRAPHICS_VERx100 >= 1250, covers, and xe_pt_scan_64K over the 2 MiB →
        // XE_PDE_64K and 32 entries of 64 KiB (xe_compact_pt_shifts).
        using GpuPageTable table = Bind(Va, Chunks64K(32));
        Assert.Equal(32, table.Ptes64K);
        Assert.Equal(32, table.Ptes);
        Assert.Equal(3, table.TablePages);
        (ulong dma, ulong size, _) = Translate(table, Va + 7 * K64 + 0x2345);
        Assert.Equal(Dma + 21 * K64 + 0x2345, dma);
        Assert.Equal(K64, size);
    }

    [Fact]
    public void Before_Xe_HP_the_same_chunks_get_4KiB_PTEs_with_the_hint()
    {
        // GRAPHICS_VERx100 < 1250: no compact table; xe_pt_is_pte_ps64K hints all 512 PTEs.
        using GpuPageTable table = Bind(Va, Chunks64K(32), compact64K: false);
        Assert.Equal(512, table.Ptes4KPs64);
        Assert.Equal(0, table.Ptes64K);
        Assert.Equal(K4, Translate(table, Va + 7 * K64).PageSize);
    }

    [Fact]
    public void A_2MiB_region_of_two_DMA_contiguous_segments_takes_no_2MiB_leaf()
    {
        // xe_pt_hugepte_possible: "Does the DMA segment cover the whole pte?" compares with curs->size, which for an
        // sg_table is what is left of the current sg entry, so two contiguous 1 MiB segments never make a 2 MiB leaf.
        // Every chunk lies in one of them, so Xe_HP makes the table compact; earlier platforms hint 512 PTEs.
        DmaSegment[] halves = [new DmaSegment(Dma, M1), new DmaSegment(Dma + M1, M1)];
        using GpuPageTable split = Bind(Va, halves);
        Assert.Equal(0, split.Ptes2M);
        Assert.Equal(32, split.Ptes64K);
        using GpuPageTable old = Bind(Va, halves, compact64K: false);
        Assert.Equal(512, old.Ptes4KPs64);
        using GpuPageTable whole = Bind(Va, [new DmaSegment(Dma, M2)]);
        Assert.Equal(1, whole.Ptes2M);
        Assert.NotEqual(whole.Digest, split.Digest);
    }

    [Fact]
    public void A_2MiB_span_that_is_not_all_64KiB_falls_back_to_hinted_and_plain_4KiB_PTEs()
    {
        // 16 good chunks, then scattered 4 KiB pages to the end of the 2 MiB: xe_pt_scan_64K fails for the table, so
        // xe writes 4 KiB PTEs: PS64 on the 256 of the good chunks (xe_pt_is_pte_ps64K), none on the 256 others.
        var segments = Chunks64K(16).Concat(Enumerable.Range(0, 256).Select(i => new DmaSegment(Dma + G1 + (ulong)i * 2 * K4, K4))).ToList();
        using GpuPageTable table = Bind(Va, segments);
        Assert.Equal(256, table.Ptes4KPs64);
        Assert.Equal(256, table.Ptes4K);
        Assert.Equal(0, table.Ptes64K);
        (ulong dma, ulong size, ulong pte) = Translate(table, Va + 15 * K64 + 15 * K4);
        Assert.Equal(Dma + 45 * K64 + 15 * K4, dma);
        Assert.Equal(K4, size);
        Assert.Equal(GpuPageTable.PtePs64, pte & GpuPageTable.PtePs64);
        Assert.Equal(0UL, Translate(table, Va + M1).Pte & GpuPageTable.PtePs64);
        Assert.Equal(Dma + G1 + 2 * K4, Translate(table, Va + M1 + K4).Dma);
    }

    [Fact]
    public void Chunks_ending_before_the_2MiB_does_are_hinted_PTEs_not_a_compact_table()
    {
        // 1 MiB of chunks: the range does not cover the level-0 table's 2 MiB (no `covers`), so 256 hinted PTEs.
        using GpuPageTable table = Bind(Va, Chunks64K(16));
        Assert.Equal(256, table.Ptes4KPs64);
        Assert.Equal(0, table.Ptes64K);
        Assert.False(table.TryTranslate(Va + M1, out _, out _, out _));
    }

    [Fact]
    public void A_segment_past_a_2MiB_leaf_continues_in_a_level_0_table()
    {
        // One segment of 2 MiB + 64 KiB + 4 KiB: a 2 MiB leaf, then 16 hinted PTEs, then one plain PTE.
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma, M2 + K64 + K4)]);
        Assert.Equal(1, table.Ptes2M);
        Assert.Equal(16, table.Ptes4KPs64);
        Assert.Equal(1, table.Ptes4K);
        Assert.Equal(3, table.TablePages);
    }

    [Fact]
    public void The_first_segment_may_start_inside_its_page()
    {
        // The first byte's offset in its page carries over to the GPU VA; the PTE maps the whole page.
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma + 0x200, 3 * K4 - 0x200), new DmaSegment(Dma + 8 * K4, 0x80)]);
        Assert.False(table.TryGetRefusal(out _));
        Assert.Equal(4, table.Ptes4K);
        Assert.Equal(Dma + 0x200, Translate(table, Va + 0x200).Dma);
        Assert.Equal(Dma + 8 * K4 + 0x40, Translate(table, Va + 3 * K4 + 0x40).Dma);

        // 3 pages' worth starting 0x200 in touch 4 pages.
        using GpuPageTable one = Bind(Va, [new DmaSegment(Dma + 0x200, 3 * K4)]);
        Assert.Equal(4, one.Ptes4K);
        Assert.Equal(Dma + 3 * K4 + 0x1ff, Translate(one, Va + 3 * K4 + 0x1ff).Dma);
    }

    [Theory]
    [InlineData(0x1000, 0x2200)]   // second segment starts inside a page
    [InlineData(0x1800, 0x2000)]   // first segment ends inside a page
    public void An_unaligned_interior_boundary_is_refused(ulong firstLength, ulong secondStart)
    {
        using GpuPageTable table = Bind(Va, [new DmaSegment(Dma, firstLength), new DmaSegment(Dma + secondStart, K4)]);
        Assert.True(table.TryGetRefusal(out Refusal refusal));
        Assert.Equal(RefusalReason.InteriorBoundaryUnaligned, refusal.Reason);
        Assert.Equal("gpu-pt", refusal.Encoding);
    }

    [Fact]
    public void A_bind_past_the_48_bit_VA_space_is_refused()
    {
        using GpuPageTable table = Bind((1UL << 48) - M2, [new DmaSegment(Dma, 2 * M2)]);
        Assert.True(table.TryGetRefusal(out Refusal refusal));
        Assert.Equal(RefusalReason.FieldOverflow, refusal.Reason);
    }

    static readonly DmaSegment[] s_big = Enumerable.Range(0, 2048).Select(i => new DmaSegment(Dma + (ulong)i * 2 * K4, K4)).ToArray();

    static readonly DmaSegment[] s_small = Chunks64K(20).Append(new DmaSegment(Dma + G1, 3 * K4)).ToArray();

    [Theory]
    [InlineData(0x10000UL)]        // inside the first level-0 table, which is zeroed when entered (xe_pt_populate_empty)
    [InlineData(0UL)]              // aligned: no table is zeroed when entered; Complete clears past the end
    [InlineData(0x210000UL)]       // inside the level-1 table: its entries before the range are zeroed
    [InlineData(0x40010000UL)]     // inside the level-2 table likewise
    public void Reset_reuses_the_tables_and_a_bind_shows_nothing_of_the_last(ulong offset)
    {
        // An 8 MiB bind of scattered pages first fills the pooled tables; the next bind must equal a fresh one.
        using GpuPageTable fresh = Bind(Va + offset, s_small);
        using GpuPageTable reused = Bind(Va, s_big);
        int allocated = reused.TablePagesAllocated;
        Feed(reused, Va + offset, s_small);
        Assert.Equal(fresh.Digest, reused.Digest);
        Assert.Equal(fresh.Ptes, reused.Ptes);
        Assert.Equal(allocated, reused.TablePagesAllocated);
        Assert.Equal(offset == 0, reused.TryTranslate(Va, out _, out _, out _));
        Assert.False(reused.TryTranslate(Va + offset + 20 * K64 + 3 * K4, out _, out _, out _));
        Assert.False(reused.TryTranslate(Va + 3 * M2, out _, out _, out _));
    }

    [Fact]
    public void The_root_outlives_binds_and_Reset_clears_what_the_last_wrote_there()
    {
        using GpuPageTable fresh = Bind(Va, s_small);
        using GpuPageTable reused = Bind(Va + (1UL << 39), s_small);   // the next 512 GiB: another root entry
        Feed(reused, Va, s_small);
        Assert.Equal(fresh.Digest, reused.Digest);
        Assert.False(reused.TryTranslate(Va + (1UL << 39), out _, out _, out _));
    }

    [Fact]
    public void Different_tables_give_different_digests()
    {
        using GpuPageTable a = Bind(Va, Chunks64K(8));
        using GpuPageTable b = Bind(Va, Chunks64K(8, Dma + 16 * K64));
        using GpuPageTable c = Bind(Va + M2, Chunks64K(8));
        Assert.NotEqual(a.Digest, b.Digest);
        Assert.NotEqual(a.Digest, c.Digest);
    }

    /// <summary>
    /// The second bind of the same segments takes its tables from the pool (no new native table page) and allocates
    /// nothing on the managed heap (no boxing).
    /// </summary>
    [Fact]
    public void A_warm_bind_allocates_nothing()
    {
        var segments = Chunks64K(40).Concat(Enumerable.Range(0, 600).Select(i => new DmaSegment(Dma + G1 + (ulong)i * 2 * K4, K4)))
            .Append(new DmaSegment(Dma + 2 * G1, 4 * M2)).ToArray();
        using GpuPageTable table = Bind(Va, segments);
        long tables = table.TablePagesAllocated;
        long before = GC.GetAllocatedBytesForCurrentThread();
        table.Reset(Va);
        for (int i = 0; i < segments.Length; i++)
            table.Add(segments[i]);
        table.Complete();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(tables, table.TablePagesAllocated);
        Assert.True(table.Ptes > 0);
    }
}
