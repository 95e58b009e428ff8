using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// The 4 KiB descriptor pages a consumer fills (the NVMe driver's dma_pool pages, an MR's page-list pages): entries
/// written in order, page after page. Pages are allocated the first time they are needed and reused by every later
/// command, so steady-state consumption allocates nothing.
/// <para>
/// Chained lists (NVMe PRP lists, SGL segments) keep each full page's last slot for the link to the next page: when
/// an entry arrives for a full page, the page's last entry moves to slot 0 of the next page, and the owner writes
/// the links once the list is complete (<see cref="LinkSlot"/>).
/// </para>
/// Lives inside its owner's native state.
/// </summary>
internal unsafe struct DescriptorPages<T> where T : unmanaged
{
    public const int PageBytes = 4096;

    public static int PerPage => PageBytes / sizeof(T);

    byte** _pages;
    int _capacity;
    int _allocated;
    T* _current;
    int _index;

    /// <summary>Pages this command uses.</summary>
    public int Pages;

    /// <summary>Entries written, links not counted.</summary>
    public long Count;

    /// <summary>Starts a new command; the pages stay allocated.</summary>
    public void Reset()
    {
        _current = null;
        _index = 0;
        Pages = 0;
        Count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T entry, bool chained)
    {
        if (_current == null || _index == PerPage)
            NextPage(chained);
        _current[_index++] = entry;
        Count++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NextPage(bool chained)
    {
        T* page = Page(Pages++);
        if (_current != null && chained)
        {
            page[0] = _current[PerPage - 1];
            _index = 1;
        }
        else
        {
            _index = 0;
        }
        _current = page;
    }

    /// <summary>Entries in the last page used (links included).</summary>
    public readonly int UsedInLastPage => _index;

    /// <summary>The slot of page <paramref name="page"/> that links to the next page in a chained list.</summary>
    public T* LinkSlot(int page) => Page(page) + PerPage - 1;

    /// <summary>Page <paramref name="index"/>; pages are taken in order, so a new one is always the next.</summary>
    public T* Page(int index)
    {
        if (index < _allocated)
            return (T*)_pages[index];
        if (_allocated == _capacity)
        {
            _capacity = Math.Max(8, _capacity * 2);
            _pages = (byte**)NativeMemory.Realloc(_pages, (nuint)(_capacity * sizeof(byte*)));
        }
        _pages[_allocated] = (byte*)NativeMemory.AlignedAlloc(PageBytes, PageBytes);
        return (T*)_pages[_allocated++];
    }

    /// <summary>
    /// FNV-1a over <paramref name="seed"/> and every entry this command wrote, links included: two commands built in
    /// the same pages give equal digests exactly when they wrote the same list (benchmark validation).
    /// </summary>
    public readonly ulong Digest(ulong seed)
    {
        ulong hash = Fnv(14695981039346656037UL, new ReadOnlySpan<byte>(&seed, sizeof(ulong)));
        for (int i = 0; i < Pages; i++)
        {
            int used = i == Pages - 1 ? _index : PerPage;
            hash = Fnv(hash, new ReadOnlySpan<byte>(_pages[i], used * sizeof(T)));
        }
        return hash;
    }

    static ulong Fnv(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }

    public void Free()
    {
        for (int i = 0; i < _allocated; i++)
            NativeMemory.AlignedFree(_pages[i]);
        NativeMemory.Free(_pages);
        this = default;
    }
}
