using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Dma.Consumers;
using Xunit;

namespace BenchSuite.Tests.Dma;

/// <summary>PRP, SGL and MR results against counts worked out by hand from the kernel sources (kernel-facts §6, §7).</summary>
public class ConsumerTests
{
    const ulong Base = 0x7f0000000000;

    static PrpList Prp(params DmaSegment[] segments)
    {
        PrpList prp = PrpList.Create();
        foreach (DmaSegment s in segments)
            prp.Add(s);
        prp.Complete();
        return prp;
    }

    [Theory]
    // 512-byte-offset direct I/O of 1 MiB: PRP1 covers 3584 bytes, then ceil((1 MiB − 3584) / 4096) = 256 entries → one list page.
    [InlineData(512, 1 << 20, 257, 1)]
    // One page: PRP1 only.
    [InlineData(0, 4096, 1, 0)]
    // Two pages: PRP2 is the second page itself, no list.
    [InlineData(0, 8192, 2, 0)]
    // 4 KiB starting 1 KiB in: two entries, no list.
    [InlineData(1024, 4096, 2, 0)]
    // Three pages: PRP2 points at a list of two entries.
    [InlineData(0, 12288, 3, 1)]
    // 8 MiB, the driver's cap: 2047 list entries = 512 + 3 × 511 + 2 → five pages (NVME_MAX_NR_DESCRIPTORS).
    [InlineData(0, 8 << 20, 2048, 5)]
    // 513 list entries: the first page's last slot becomes the link; 2 pages.
    [InlineData(0, 514 * 4096, 514, 2)]
    public void Prp_entries_and_list_pages(int offset, int length, long entries, int pages)
    {
        using PrpList prp = Prp(new DmaSegment(Base + (ulong)offset, (ulong)length));
        Assert.False(prp.TryGetRefusal(out _));
        Assert.Equal(entries, prp.Entries);
        Assert.Equal(pages, prp.ListPages);
        Assert.Equal(Base + (ulong)offset, prp.Prp1);
    }

    [Fact]
    public void Prp_is_the_same_for_one_segment_or_its_page_aligned_pieces()
    {
        using PrpList whole = Prp(new DmaSegment(Base + 512, 1 << 20));
        using PrpList pieces = Prp(new DmaSegment(Base + 512, 65536 - 512), new DmaSegment(Base + 65536, (1 << 20) - 65536 + 512));
        Assert.Equal(whole.Entries, pieces.Entries);
        Assert.Equal(whole.Prp2 != 0, pieces.Prp2 != 0);
    }

    [Fact]
    public void Prp_links_list_pages_through_the_last_slot()
    {
        using PrpList prp = Prp(new DmaSegment(Base, 600 * 4096));
        unsafe
        {
            var first = (ulong*)prp.Prp2;
            var second = (ulong*)first[511];
            // List entry i is data page i + 1 (PRP1 holds page 0); entry 511 moved to the next page.
            Assert.Equal(Base + 512 * 4096UL, second[0]);
            Assert.Equal(Base + 511 * 4096UL, first[510]);
        }
    }

    [Theory]
    [InlineData(0x1000, 0x2200)]   // second segment starts inside a page
    [InlineData(0x1000, 0x1800)]   // first segment ends inside a page
    public void Prp_refuses_an_unaligned_interior_boundary(ulong firstLength, ulong secondStart)
    {
        using PrpList prp = Prp(new DmaSegment(Base, firstLength), new DmaSegment(Base + secondStart, 0x1000));
        Assert.True(prp.TryGetRefusal(out Refusal refusal));
        Assert.Equal(RefusalReason.InteriorBoundaryUnaligned, refusal.Reason);
    }

    static SglList Sgl(IEnumerable<DmaSegment> segments)
    {
        SglList sgl = SglList.Create();
        foreach (DmaSegment s in segments)
            sgl.Add(s);
        sgl.Complete();
        return sgl;
    }

    static IEnumerable<DmaSegment> Scattered(int count) =>
        Enumerable.Range(0, count).Select(i => new DmaSegment(Base + (ulong)i * 0x10000, 0x2000));

    [Fact]
    public void Sgl_one_segment_goes_in_the_command()
    {
        using SglList sgl = Sgl(Scattered(1));
        Assert.Equal(1, sgl.Descriptors);
        Assert.Equal(0, sgl.ListPages);
        Assert.Equal(NvmeSglDescriptor.DataBlock, sgl.Command.Type);
        Assert.Equal(0x2000u, sgl.Command.Length);
    }

    [Fact]
    public void Sgl_three_segments_take_one_list_page_behind_a_last_segment_descriptor()
    {
        using SglList sgl = Sgl(Scattered(3));
        Assert.Equal(3, sgl.Descriptors);
        Assert.Equal(1, sgl.ListPages);
        Assert.Equal(NvmeSglDescriptor.LastSegment, sgl.Command.Type);
        Assert.Equal(48u, sgl.Command.Length);
        Assert.Equal(Base + 0x20000, sgl.Descriptor(0, 2).Addr);
    }

    [Fact]
    public void Sgl_chains_a_second_page_through_a_segment_descriptor()
    {
        // 300 descriptors: 255 data + a Segment descriptor in page 0, then 45 in page 1 behind it.
        using SglList sgl = Sgl(Scattered(300));
        Assert.Equal(300, sgl.Descriptors);
        Assert.Equal(2, sgl.ListPages);
        Assert.Equal(NvmeSglDescriptor.Segment, sgl.Command.Type);
        Assert.Equal(4096u, sgl.Command.Length);
        NvmeSglDescriptor link = sgl.Descriptor(0, 255);
        Assert.Equal(NvmeSglDescriptor.LastSegment, link.Type);
        Assert.Equal(45u * 16, link.Length);
        Assert.Equal(Base + 255 * 0x10000UL, sgl.Descriptor(1, 0).Addr);
    }

    [Fact]
    public void Sgl_splits_a_segment_longer_than_the_32_bit_length()
    {
        using SglList sgl = Sgl([new DmaSegment(Base, 5UL << 30)]);
        Assert.Equal(2, sgl.Descriptors);
        Assert.Equal((uint)SglList.MaxDescriptorLength, sgl.Descriptor(0, 0).Length);
    }

    [Fact]
    public void Consumers_reset_for_the_next_command_keep_nothing_of_the_last()
    {
        using PrpList prp = Prp(new DmaSegment(Base, 600 * 4096));
        prp.Reset();
        prp.Add(new DmaSegment(Base + 512, 1 << 20));
        prp.Complete();
        Assert.Equal(257, prp.Entries);
        Assert.Equal(1, prp.ListPages);
        Assert.Equal(Base + 512, prp.Prp1);

        using SglList sgl = Sgl(Scattered(300));
        sgl.Reset();
        foreach (DmaSegment segment in Scattered(3))
            sgl.Add(segment);
        sgl.Complete();
        Assert.Equal(3, sgl.Descriptors);
        Assert.Equal(NvmeSglDescriptor.LastSegment, sgl.Command.Type);
        Assert.Equal(48u, sgl.Command.Length);

        using MrPageList mr = MrPageList.Create();
        mr.Reset(2 << 20);
        mr.Add(new DmaSegment(1UL << 30, 3 << 20));   // ends 1 MiB into a block: the iterator would skip the next 1 MiB
        mr.Reset(2 << 20);
        mr.Add(new DmaSegment(1UL << 31, 2 << 20));
        Assert.Equal(1, mr.Blocks);
        Assert.Equal(1UL << 31, mr.Block(0));
    }

    static ulong BestPageSize(ulong virt, ulong length, IEnumerable<DmaSegment> segments)
    {
        var finder = new MrPageSize(virt, length);
        foreach (DmaSegment s in segments)
            finder.Add(s);
        return finder.Result;
    }

    [Fact]
    public void Mr_on_2MiB_folios_picks_2MiB_pages()
    {
        // 16 THP folios, physically scattered, mapped direct; the VA is 2 MiB aligned as THP requires.
        var segments = Enumerable.Range(0, 16).Select(i => new DmaSegment(0x40000000UL + (ulong)(i * 7 % 16) * (4UL << 20), 2 << 20)).ToList();
        ulong size = BestPageSize(Base, 32 << 20, segments);
        Assert.Equal(2UL << 20, size);

        using MrPageList list = MrPageList.Create();
        list.Reset(size);
        foreach (DmaSegment s in segments)
            list.Add(s);
        Assert.Equal(16, list.Blocks);
        Assert.Equal(segments[3].Address, list.Block(3));
    }

    [Theory]
    // Scattered 4 KiB pages: only 4 KiB works.
    [InlineData(0x1000, 4096)]
    // Scattered 64 KiB chunks at 64 KiB-aligned VA and DMA: 64 KiB.
    [InlineData(0x10000, 65536)]
    public void Mr_page_size_follows_the_alignment_of_discontiguities(ulong chunk, ulong expected)
    {
        var segments = Enumerable.Range(0, 8).Select(i => new DmaSegment(0x80000000UL + (ulong)i * 3 * chunk, chunk));
        Assert.Equal(expected, BestPageSize(Base, 8 * chunk, segments));
    }

    [Fact]
    public void Mr_page_size_is_capped_by_the_smallest_size_covering_the_whole_va_span()
    {
        // One 64 KiB IOVA segment that is 1 GiB aligned: no discontinuity, so the span caps it at 64 KiB.
        Assert.Equal(65536UL, BestPageSize(Base, 65536, [new DmaSegment(1UL << 30, 65536)]));
    }

    [Fact]
    public void Mr_with_a_misaligned_va_falls_to_4KiB()
    {
        var segments = new[] { new DmaSegment(0x40000000, 2 << 20), new DmaSegment(0x80000000, 2 << 20) };
        Assert.Equal(4096UL, BestPageSize(Base + 0x3000, 4 << 20, segments));
    }

    [Fact]
    public void Mr_block_iterator_counts_as_ib_umem_num_dma_blocks_when_segments_are_cut_inside_blocks()
    {
        // One 8 MiB IOVA range cut at 64 KiB (PCI max_segment): a single run, so one 1 GiB page covers it all;
        // read with 2 MiB pages it is 4 blocks, not 128.
        var segments = Enumerable.Range(0, 128).Select(i => new DmaSegment((1UL << 40) + (ulong)i * 65536, 65536)).ToList();
        Assert.Equal(1UL << 30, BestPageSize(Base, 8 << 20, segments));
        using MrPageList list = MrPageList.Create();
        list.Reset(2 << 20);
        foreach (DmaSegment s in segments)
            list.Add(s);
        Assert.Equal(4, list.Blocks);
        Assert.Equal((1UL << 40) + (6UL << 20), list.Block(3));
    }
}

public class ConsumerLayoutTests
{
    [Fact]
    public unsafe void Sgl_descriptor_is_the_kernels_16_bytes_with_the_type_in_the_last_byte()
    {
        Assert.Equal(16, sizeof(NvmeSglDescriptor));
        Assert.Equal(8, (int)System.Runtime.InteropServices.Marshal.OffsetOf<NvmeSglDescriptor>(nameof(NvmeSglDescriptor.Length)));
        Assert.Equal(15, (int)System.Runtime.InteropServices.Marshal.OffsetOf<NvmeSglDescriptor>(nameof(NvmeSglDescriptor.Type)));
        Assert.Equal(0x30, NvmeSglDescriptor.LastSegment);
        Assert.Equal(0x20, NvmeSglDescriptor.Segment);
    }
}
