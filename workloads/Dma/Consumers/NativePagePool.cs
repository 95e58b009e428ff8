using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// The 4 KiB descriptor pages a consumer fills (the NVMe driver's dma_pool pages, an MR's page-list pages), allocated
/// the first time they are needed and reused by every later command, so steady-state consumption allocates nothing.
/// Lives in native memory; the consumer that owns it holds the pointer.
/// </summary>
internal unsafe struct NativePagePool
{
    public const int PageBytes = 4096;

    byte** _pages;
    int _capacity;
    int _count;

    public static NativePagePool* Create() => (NativePagePool*)NativeMemory.AllocZeroed((nuint)sizeof(NativePagePool));

    /// <summary>Page <paramref name="index"/>; pages are handed out in order, so the next new one is <c>index == count</c>.</summary>
    public byte* Get(int index)
    {
        if (index < _count)
            return _pages[index];
        if (_count == _capacity)
        {
            _capacity = Math.Max(8, _capacity * 2);
            _pages = (byte**)NativeMemory.Realloc(_pages, (nuint)(_capacity * sizeof(byte*)));
        }
        _pages[_count] = (byte*)NativeMemory.AlignedAlloc(PageBytes, PageBytes);
        return _pages[_count++];
    }

    public static void Destroy(NativePagePool* pool)
    {
        if (pool == null)
            return;
        for (int i = 0; i < pool->_count; i++)
            NativeMemory.AlignedFree(pool->_pages[i]);
        NativeMemory.Free(pool->_pages);
        NativeMemory.Free(pool);
    }
}
