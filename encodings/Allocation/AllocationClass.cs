namespace BenchSuite.Encodings;

/// <summary>The kernel allocator an encoding would call for a piece of its storage.</summary>
public enum AllocationClass
{
    /// <summary><c>kmalloc(n)</c>: rounded to a slab size class, above 8 KiB to a power-of-two number of pages.</summary>
    Kmalloc,
    /// <summary><c>kmem_cache_alloc</c> from a dedicated cache: the exact object size.</summary>
    KmemCache,
    /// <summary><c>__get_free_page</c>: one 4 KiB page.</summary>
    Page,
    /// <summary><c>kvmalloc(n)</c>: kmalloc up to 4 MiB (a power of two of pages above 8 KiB), else vmalloc with its own bookkeeping.</summary>
    Kvmalloc,
}
