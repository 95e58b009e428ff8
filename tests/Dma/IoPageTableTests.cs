using BenchSuite.Workloads.Dma;
using Xunit;

namespace BenchSuite.Tests.Dma;

public class IoPageTableTests
{
    [Fact]
    public void Writes_the_largest_page_both_addresses_align_to()
    {
        using var table = new IoPageTable();
        // 1 GiB + 2 MiB + 4 KiB, all aligned: one entry of each size.
        table.Map(1UL << 30, 3UL << 30, (1UL << 30) + (2UL << 20) + 4096);
        Assert.Equal((1L, 1L, 1L), table.Leaves);
        // 2 MiB at a 2 MiB IOVA but a 4 KiB-aligned phys: 512 small entries.
        table.Map(1UL << 40, (5UL << 30) + 4096, 2UL << 20);
        Assert.Equal((513L, 1L, 1L), table.Leaves);
        Assert.True(table.TryTranslate((1UL << 30) + 12345, out ulong phys));
        Assert.Equal((3UL << 30) + 12345, phys);
        Assert.True(table.TryTranslate((1UL << 40) + 8192, out phys));
        Assert.Equal((5UL << 30) + 4096 + 8192, phys);
    }

    [Fact]
    public void Unmap_leaves_nothing_present_and_keeps_the_tables()
    {
        using var table = new IoPageTable();
        table.Map(1UL << 30, 3UL << 30, (1UL << 30) + (2UL << 20) + 4096);
        long pages = table.TablePages;
        table.Unmap(1UL << 30, (1UL << 30) + (4UL << 20));   // past the end: holes are skipped
        Assert.Equal(0, table.PresentLeaves);
        Assert.False(table.TryTranslate(1UL << 30, out _));
        Assert.Equal(pages, table.TablePages);
    }

    [Fact]
    public void Mapping_twice_is_a_bug_it_reports()
    {
        using var table = new IoPageTable();
        table.Map(0x10000, 0x20000, 4096);
        Assert.Throws<InvalidOperationException>(() => table.Map(0x10000, 0x30000, 4096));
    }

    [Theory]
    [InlineData(4096UL, 4096UL, 4096UL)]
    [InlineData(5 * 4096UL, 8 * 4096UL, 8 * 4096UL)]            // below 32 granules: a power of two, aligned to it
    [InlineData(33 * 4096UL, 33 * 4096UL, 64 * 4096UL)]         // above: exact size, still aligned to the next power of two
    public void Iova_ranges_are_rounded_and_naturally_aligned(ulong bytes, ulong reserved, ulong alignment)
    {
        var iova = new IovaAllocator();
        Assert.Equal(reserved, iova.ReservedBytes(bytes));
        iova.Allocate(4096);
        ulong address = iova.Allocate(bytes);
        Assert.Equal(0UL, address % alignment);
        Assert.True(address + reserved <= 1UL << IovaAllocator.ApertureBits);
        iova.Free(address, bytes);
        Assert.Equal(1, iova.Live);
    }
}
