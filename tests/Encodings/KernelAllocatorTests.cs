using BenchSuite.Encodings;
using Xunit;

namespace BenchSuite.Tests.Encodings;

public sealed unsafe class KernelAllocatorTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(65, 96)]
    [InlineData(97, 128)]
    [InlineData(129, 192)]
    [InlineData(193, 256)]
    [InlineData(3200, 4096)]
    [InlineData(4097, 8192)]
    [InlineData(8193, 16384)]
    [InlineData(12289, 16384)]
    [InlineData(20000, 32768)]
    public void KmallocRoundsToSizeClasses(long bytes, long rounded) =>
        Assert.Equal(rounded, KernelAllocator.RoundedSize(AllocationClass.Kmalloc, bytes));

    [Theory]
    [InlineData(AllocationClass.Kvmalloc, 8192, 8192)]
    [InlineData(AllocationClass.KmemCache, 512, 512)]
    [InlineData(AllocationClass.KmemCache, 24, 24)]
    [InlineData(AllocationClass.Page, 4096, 4096)]
    public void OtherClasses(AllocationClass cls, long bytes, long rounded) =>
        Assert.Equal(rounded, KernelAllocator.RoundedSize(cls, bytes));

    /// <summary>
    /// Hand-computed from mm/slub.c <c>__kvmalloc_node_noprof</c> (kmalloc first, at every size) and mm/vmalloc.c
    /// <c>__vmalloc_node_range_noprof</c> / <c>__vmalloc_area_node</c> (2 MiB rounding with VM_ALLOW_HUGE_VMAP, a
    /// vm_struct in kmalloc-96, a 72-byte vmap_area, and pages[] of 8 B per page, kmalloc'ed or itself vmalloc'ed).
    /// </summary>
    [Theory]
    [InlineData(8193, 16384)]                        // kmalloc_large: PAGE_SIZE << get_order(size); was 12288
    [InlineData(12L << 10, 16L << 10)]
    [InlineData(2L << 20, 2L << 20)]                 // 1 GiB's page array: a 2 MiB kmalloc
    [InlineData(4L << 20, 4L << 20)]                 // KMALLOC_MAX_SIZE, the buddy allocator's order 10
    // 4 MiB + 1: vmalloc of 6 MiB (2 MiB rounding) + vm_struct + vmap_area + pages[1536] (12 KiB, itself a vmalloc:
    // 12 KiB + 96 + 72 + a 24-byte pages[] in kmalloc-32).
    [InlineData((4L << 20) + 1, (6L << 20) + 96 + 72 + (12288 + 96 + 72 + 32))]
    // 64 GiB's page array, 128 MiB: pages[32768] is 256 KiB, vmalloc'ed with a 512-byte pages[] of its own.
    [InlineData(128L << 20, (128L << 20) + 96 + 72 + ((256L << 10) + 96 + 72 + 512))]
    public void KvmallocTriesKmallocFirstThenVmallocWithItsBookkeeping(long bytes, long rounded) =>
        Assert.Equal(rounded, KernelAllocator.RoundedSize(AllocationClass.Kvmalloc, bytes));

    [Fact]
    public void CountsAndReturnsToZero()
    {
        using var allocator = new KernelAllocator();
        var tally = new AllocationTally();
        byte* a = allocator.Allocate(AllocationClass.Kmalloc, 100, ref tally);
        byte* b = allocator.Allocate(AllocationClass.Page, Page.Size, ref tally);
        a[99] = 1;
        b[4095] = 1;
        Assert.Equal(2, tally.Allocations);
        Assert.Equal(128 + 4096, tally.AllocatedBytes);
        Assert.Equal(4096, tally.LargestAllocationBytes);
        Assert.Equal(0, (long)b % Page.Size);
        allocator.Free(a, AllocationClass.Kmalloc, 100, ref tally);
        allocator.Free(b, AllocationClass.Page, Page.Size, ref tally);
        Assert.Equal(0, allocator.Outstanding);
        Assert.Equal(0, tally.AllocatedBytes);
    }

    [Fact]
    public void CountingModeHandsOutAWindowForHugeArrays()
    {
        using var allocator = new KernelAllocator(counting: true);
        var tally = new AllocationTally();
        byte* p = allocator.Allocate(AllocationClass.Kvmalloc, 2L << 30, ref tally, out long usable);
        p[usable - 1] = 1;
        Assert.Equal(KernelAllocator.ScratchBytes, usable);
        // 2 GiB of data, vm_struct and vmap_area, and pages[] (4 MiB, a vmalloc whose own 8 KiB pages[] is one too).
        Assert.Equal(2151686664L, tally.AllocatedBytes);
        allocator.ReleaseCounted(ref tally);
        Assert.Equal(0, allocator.Outstanding);
    }

    [Fact]
    public void ConsecutiveCountingBuffersDoNotAlias()
    {
        using var allocator = new KernelAllocator(counting: true);
        var tally = new AllocationTally();
        byte* a = allocator.Allocate(AllocationClass.Page, Page.Size, ref tally);
        byte* b = allocator.Allocate(AllocationClass.Page, Page.Size, ref tally);
        Assert.True(a != b);
    }
}
