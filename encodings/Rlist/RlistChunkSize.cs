namespace BenchSuite.Encodings.Rlist;

/// <summary>
/// rlist's chunk size, a design knob (<see cref="RlistFamily"/>): Jason Gunthorpe's prototype takes 512-byte chunks
/// from a kmem_cache and left the size open. A policy type, so each size's walk is compiled for it.
/// </summary>
public interface IRlistChunkSize
{
    static abstract int Bytes { get; }

    /// <summary>Where a chunk comes from: a kmem_cache below a page, the page allocator for a page.</summary>
    static abstract AllocationClass Source { get; }
}

/// <summary>The prototype's: 512 B from its kmem_cache (lib/rlist.c).</summary>
public struct Chunk512 : IRlistChunkSize
{
    public static int Bytes => 512;
    public static AllocationClass Source => AllocationClass.KmemCache;
}

/// <summary>128 B from a kmem_cache: 15 eight-byte entries a chunk, less left empty by a short list.</summary>
public struct Chunk128 : IRlistChunkSize
{
    public static int Bytes => 128;
    public static AllocationClass Source => AllocationClass.KmemCache;
}

/// <summary>A 4 KiB page from the page allocator: 511 eight-byte entries a chunk.</summary>
public struct Chunk4096 : IRlistChunkSize
{
    public static int Bytes => 4096;
    public static AllocationClass Source => AllocationClass.Page;
}
