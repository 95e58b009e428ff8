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
    [InlineData(AllocationClass.Kvmalloc, 8193, 12288)]
    [InlineData(AllocationClass.Kvmalloc, 2L << 30, 2L << 30)]
    [InlineData(AllocationClass.KmemCache, 512, 512)]
    [InlineData(AllocationClass.KmemCache, 24, 24)]
    [InlineData(AllocationClass.Page, 4096, 4096)]
    public void OtherClasses(AllocationClass cls, long bytes, long rounded) =>
        Assert.Equal(rounded, KernelAllocator.RoundedSize(cls, bytes));

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
        Assert.Equal(2L << 30, tally.AllocatedBytes);
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
