using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace BenchSuite.Encodings;

/// <summary>
/// Native memory for entries, handed out the way the kernel allocator the encoding would use hands it out,
/// and counted at the rounded size that allocator really consumes (mm/slab_common.c kmalloc size classes,
/// mm/slub.c kvmalloc, mm/vmalloc.c). Every structure passes its own <see cref="AllocationTally"/>; the allocator also keeps
/// totals so a test can check that nothing is outstanding after Dispose.
/// <para>
/// Freed blocks are kept on a free list per rounded size, linked through their first word (as SLUB keeps its free
/// pointer inside the object), and handed out again before new memory is asked of the native heap: once a list has
/// been built and freed, rebuilding it takes the kernel's fast path (a per-CPU slab freelist, a per-CPU page list)
/// instead of timing glibc's allocator. Departure: vmalloc'ed arrays come back the same way, without the page
/// mapping a real vmalloc does each time.
/// </para>
/// <para>
/// In counting mode nothing is kept: each request returns the next of a few recycled scratch buffers, so the
/// same build code measures a 1 TiB list in constant memory. The ring has more than one buffer so the chunk
/// being filled never aliases the one just chained from. Lists built this way can only report footprints.
/// </para>
/// </summary>
public sealed unsafe class KernelAllocator : IDisposable
{
    /// <summary>Largest kmalloc slab class; above it kmalloc takes whole pages (KMALLOC_MAX_CACHE_SIZE with SLUB).</summary>
    public const int KmallocMaxCacheSize = 8192;

    /// <summary>Size of each recycled buffer in counting mode.</summary>
    public const int ScratchBytes = 64 * 1024;

    const int ScratchRing = 4;

    static readonly int[] s_kmallocClasses = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192];

    /// <summary>Distinct rounded sizes with a free list; blocks of further sizes go back to the native heap.</summary>
    const int FreeListSizes = 16;

    readonly byte*[] _scratch = [];
    int _nextScratch;
    readonly long[] _freeSizes = new long[FreeListSizes];
    readonly nint[] _freeHeads = new nint[FreeListSizes];
    int _freeLists;

    public KernelAllocator(bool counting = false)
    {
        Counting = counting;
        if (counting)
        {
            _scratch = new byte*[ScratchRing];
            for (int i = 0; i < ScratchRing; i++)
                _scratch[i] = (byte*)NativeMemory.AlignedAlloc(ScratchBytes, Page.Size);
        }
    }

    public bool Counting { get; }

    /// <summary>Allocations not yet freed, across every structure using this allocator.</summary>
    public long Outstanding { get; private set; }

    /// <summary>Rounded bytes not yet freed.</summary>
    public long OutstandingBytes { get; private set; }

    /// <summary>The size <paramref name="cls"/> really consumes for a request of <paramref name="bytes"/>.</summary>
    public static long RoundedSize(AllocationClass cls, long bytes)
    {
        if (bytes <= 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "allocation size must be positive");
        return cls switch
        {
            AllocationClass.Kmalloc => KmallocSize(bytes),
            AllocationClass.KmemCache => bytes,
            AllocationClass.Page => bytes == Page.Size ? Page.Size : throw new ArgumentException("a page allocation is exactly one page"),
            AllocationClass.Kvmalloc => KvmallocSize(bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(cls)),
        };
    }

    /// <summary>The largest kmalloc: the buddy allocator's largest block, MAX_PAGE_ORDER 10 (include/linux/slab.h, KMALLOC_MAX_SIZE).</summary>
    public const long KmallocMaxSize = 4L << 20;

    /// <summary>
    /// What a <c>kvmalloc</c> holds (mm/slub.c, <c>__kvmalloc_node_noprof</c>): kmalloc is tried first at every size, so
    /// up to <see cref="KmallocMaxSize"/> it is a slab object or a power-of-two block of pages (kmalloc_large; the suite
    /// assumes the attempt, made without direct reclaim, succeeds). Beyond, vmalloc, with what vmalloc itself keeps.
    /// </summary>
    public static long KvmallocSize(long bytes) => bytes <= KmallocMaxSize ? KmallocSize(bytes) : VmallocSize(bytes, huge: true);

    /// <summary>struct vm_struct, kzalloc'ed: 72 B in kmalloc-96 (include/linux/vmalloc.h).</summary>
    const long VmStructBytes = 96;

    /// <summary>struct vmap_area, from its own kmem_cache (mm/vmalloc.c, alloc_vmap_area).</summary>
    const long VmapAreaBytes = 72;

    const long PmdSize = 2L << 20;

    /// <summary>
    /// A vmalloc's memory (mm/vmalloc.c): the data pages, rounded to 2 MiB when the mapping may use PMDs (kvmalloc
    /// passes VM_ALLOW_HUGE_VMAP; x86-64 maps 2 MiB and more that way, so no PTE pages), its <c>vm_struct</c> and
    /// <c>vmap_area</c>, and the <c>pages[]</c> array of 8 B per 4 KiB page, kmalloc'ed up to a page and vmalloc'ed
    /// (with page granularity) beyond (<c>__vmalloc_area_node</c>). Not counted: page-table pages of small mappings,
    /// shared and kept across allocations, and the guard page, which is address space only.
    /// </summary>
    static long VmallocSize(long bytes, bool huge)
    {
        long data = huge && bytes >= PmdSize ? AlignUp(bytes, PmdSize) : AlignUp(bytes, Page.Size);
        long array = data / Page.Size * sizeof(ulong);
        long pages = array <= Page.Size ? KmallocSize(array) : VmallocSize(array, huge: false);
        return data + VmStructBytes + VmapAreaBytes + pages;
    }

    /// <summary>kmalloc rounding: the smallest slab class that fits, else a power-of-two number of pages.</summary>
    public static long KmallocSize(long bytes)
    {
        foreach (int size in s_kmallocClasses)
        {
            if (bytes <= size)
                return size;
        }
        return (long)BitOperations.RoundUpToPowerOf2((ulong)AlignUp(bytes, Page.Size));
    }

    public byte* Allocate(AllocationClass cls, long bytes, ref AllocationTally tally) =>
        Allocate(cls, bytes, ref tally, out _);

    /// <summary>
    /// Allocates <paramref name="bytes"/>. <paramref name="usableBytes"/> is how much of the block may be written:
    /// the request itself, except in counting mode where a request larger than a scratch buffer gets a window of
    /// <see cref="ScratchBytes"/> that the caller must write modulo (only flat arrays, kvmalloc'ed or kmalloc'ed, need this).
    /// </summary>
    public byte* Allocate(AllocationClass cls, long bytes, ref AllocationTally tally, out long usableBytes)
    {
        long rounded = RoundedSize(cls, bytes);
        tally.Allocations++;
        tally.AllocatedBytes += rounded;
        tally.LargestAllocationBytes = Math.Max(tally.LargestAllocationBytes, rounded);
        Outstanding++;
        OutstandingBytes += rounded;

        if (Counting)
        {
            usableBytes = Math.Min(bytes, ScratchBytes);
            Debug.Assert(cls is AllocationClass.Kvmalloc or AllocationClass.Kmalloc || usableBytes == bytes, "only flat arrays may exceed a scratch buffer");
            byte* p = _scratch[_nextScratch];
            _nextScratch = (_nextScratch + 1) % ScratchRing;
            return p;
        }

        usableBytes = bytes;
        int list = FreeListOf(rounded);
        if (list >= 0 && _freeHeads[list] != 0)
        {
            byte* block = (byte*)_freeHeads[list];
            _freeHeads[list] = *(nint*)block;
            return block;
        }
        return (byte*)NativeMemory.AlignedAlloc((nuint)rounded, (nuint)AlignmentOf(rounded));
    }

    /// <summary>The free list of blocks of <paramref name="rounded"/> bytes, made on first use; -1 when all are taken.</summary>
    int FreeListOf(long rounded)
    {
        for (int i = 0; i < _freeLists; i++)
        {
            if (_freeSizes[i] == rounded)
                return i;
        }
        if (_freeLists == FreeListSizes)
            return -1;
        _freeSizes[_freeLists] = rounded;
        return _freeLists++;
    }

    /// <summary>
    /// One kvmalloc'ed array of <paramref name="count"/> u64 words (a page array, a dma_addr_t array). Entry i lives at
    /// <c>i &amp; indexMask</c>: the mask is all ones, except in counting mode where the array is a recycled window.
    /// </summary>
    public ulong* AllocateWords(long count, ref AllocationTally tally, out ulong indexMask)
    {
        long bytes = count * sizeof(ulong);
        var words = (ulong*)Allocate(AllocationClass.Kvmalloc, bytes, ref tally, out long usable);
        indexMask = usable == bytes ? ulong.MaxValue : (ulong)(usable / sizeof(ulong)) - 1;
        return words;
    }

    public void Free(void* block, AllocationClass cls, long bytes, ref AllocationTally tally)
    {
        long rounded = RoundedSize(cls, bytes);
        tally.Allocations--;
        tally.AllocatedBytes -= rounded;
        Outstanding--;
        OutstandingBytes -= rounded;
        Debug.Assert(Outstanding >= 0 && tally.Allocations >= 0, "freed more than was allocated");
        if (Counting)
            return;
        int list = FreeListOf(rounded);
        if (list < 0)
        {
            NativeMemory.AlignedFree(block);
            return;
        }
        *(nint*)block = _freeHeads[list];
        _freeHeads[list] = (nint)block;
    }

    /// <summary>
    /// Counting mode only: forgets everything <paramref name="tally"/> holds. Recycled buffers alias, so a list
    /// built while counting cannot walk its own chain to free it.
    /// </summary>
    public void ReleaseCounted(ref AllocationTally tally)
    {
        if (!Counting) throw new InvalidOperationException("only a counting allocator can release by tally");
        Outstanding -= tally.Allocations;
        OutstandingBytes -= tally.AllocatedBytes;
        tally = default;
    }

    public void Dispose()
    {
        foreach (byte* p in _scratch)
            NativeMemory.AlignedFree(p);
        Array.Clear(_scratch);
        for (int i = 0; i < _freeLists; i++)
        {
            for (nint block = _freeHeads[i]; block != 0;)
            {
                nint next = *(nint*)block;
                NativeMemory.AlignedFree((void*)block);
                block = next;
            }
            _freeHeads[i] = 0;
        }
    }

    /// <summary>Slab objects of power-of-two size are naturally aligned (up to a page); others to their largest power-of-two factor.</summary>
    static long AlignmentOf(long rounded) => Math.Min(rounded & -rounded, Page.Size);

    static long AlignUp(long value, long alignment) => (value + alignment - 1) & -alignment;
}
