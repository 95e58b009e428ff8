using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// A simulated IOMMU page table in the x86-64 shape shared by VT-d second-level and AMD-Vi v1 tables: four levels
/// of 512 eight-byte entries per 4 KiB table, leaves of 4 KiB, 2 MiB (PS at level 2) or 1 GiB (PS at level 3).
/// Every range is written with the largest page size its IOVA and physical address are both aligned to and that it
/// fills (<c>iommu_pgsize</c> in drivers/iommu/iommu.c), so mapping costs one entry write per page of that size.
/// Tables are real native memory; like the kernel's, they are kept after unmap and freed with the domain.
/// </summary>
public sealed unsafe class IoPageTable : IDisposable
{
    public const ulong Present = 1UL << 0;
    public const ulong LargePage = 1UL << 7;
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    const int Levels = 4;
    const int EntriesPerTable = 512;

    ulong* _root = NewTable();
    ulong* _leafTable;
    ulong _leafTableKey = ulong.MaxValue;
    readonly long[] _leaves = new long[Levels + 1];

    /// <summary>Leaf entries written since creation (the cost a mapping pays).</summary>
    public long EntriesWritten { get; private set; }

    /// <summary><see cref="Map"/> calls since creation: one per physically contiguous run handed over (<c>iommu_map</c>).</summary>
    public long MapCalls { get; private set; }

    /// <summary>Walks from the root since creation: a leaf write that could not stay in the last-level table of the one before.</summary>
    public long Walks { get; private set; }

    /// <summary>
    /// IOTLB syncs after mapping since creation (<c>iommu_sync_map</c>): once per <c>iommu_map</c>, which is
    /// <c>iommu_map_nosync</c> then a sync; once per list for <c>iommu_map_sg</c>; once per <c>dma_iova_sync</c>
    /// (drivers/iommu/iommu.c, drivers/iommu/dma-iommu.c). Only counted: the simulated table has no IOTLB to flush.
    /// </summary>
    public long Syncs { get; private set; }

    /// <summary>The counters at once, to take a mapping's cost as a difference.</summary>
    public PageTableWork Work => new(MapCalls, EntriesWritten, Walks, Syncs);

    /// <summary>An IOTLB sync after mapping (<c>iommu_sync_map</c>): counted, as there is nothing to flush here.</summary>
    public void Sync() => Syncs++;

    /// <summary>Table pages allocated (4 KiB each), root included.</summary>
    public long TablePages { get; private set; } = 1;

    /// <summary>Leaves present now: 4 KiB, 2 MiB and 1 GiB.</summary>
    public (long Small, long Medium, long Huge) Leaves => (_leaves[1], _leaves[2], _leaves[3]);

    public long PresentLeaves => _leaves[1] + _leaves[2] + _leaves[3];

    static int ShiftOf(int level) => 12 + 9 * (level - 1);

    static ulong SizeOf(int level) => 1UL << ShiftOf(level);

    static int IndexOf(ulong iova, int level) => (int)(iova >> ShiftOf(level)) & (EntriesPerTable - 1);

    public void Map(ulong iova, ulong phys, ulong bytes)
    {
        if (((iova | phys | bytes) & 0xFFF) != 0)
            throw new ArgumentException($"map of 0x{bytes:x} bytes at IOVA 0x{iova:x} to 0x{phys:x} is not page aligned");
        if (phys + bytes > 1UL << 52 || iova + bytes > 1UL << IovaAllocator.ApertureBits)
            throw new ArgumentException($"map of 0x{bytes:x} bytes at IOVA 0x{iova:x} to 0x{phys:x} is outside 52-bit physical or 48-bit IOVA space");
        MapCalls++;
        while (bytes != 0)
        {
            int level = 1;
            while (level < 3 && ((iova | phys) & (SizeOf(level + 1) - 1)) == 0 && bytes >= SizeOf(level + 1))
                level++;
            ulong* table = TableFor(iova, level);
            ref ulong entry = ref table[IndexOf(iova, level)];
            if ((entry & Present) != 0)
                throw new InvalidOperationException($"IOVA 0x{iova:x} is already mapped");
            entry = phys | Present | (level > 1 ? LargePage : 0);
            _leaves[level]++;
            EntriesWritten++;
            ulong size = SizeOf(level);
            iova += size;
            phys += size;
            bytes -= size;
        }
    }

    /// <summary>Clears every leaf in the range; holes are skipped. Leaves must lie wholly inside the range.</summary>
    public void Unmap(ulong iova, ulong bytes)
    {
        ulong end = iova + bytes;
        while (iova < end)
        {
            ulong* table = _root;
            for (int level = Levels; ; level--)
            {
                ref ulong entry = ref table[IndexOf(iova, level)];
                ulong size = SizeOf(level);
                if ((entry & Present) == 0)
                {
                    iova = (iova & ~(size - 1)) + size;
                    break;
                }
                if (level == 1 || (entry & LargePage) != 0)
                {
                    if ((iova & (size - 1)) != 0 || end - iova < size)
                        throw new InvalidOperationException($"unmap at IOVA 0x{iova:x} would split a {size >> 10} KiB page");
                    entry = 0;
                    _leaves[level]--;
                    iova += size;
                    break;
                }
                table = (ulong*)(entry & AddressMask);
            }
        }
    }

    public bool TryTranslate(ulong iova, out ulong phys)
    {
        ulong* table = _root;
        for (int level = Levels; ; level--)
        {
            ulong entry = table[IndexOf(iova, level)];
            if ((entry & Present) == 0)
            {
                phys = 0;
                return false;
            }
            if (level == 1 || (entry & LargePage) != 0)
            {
                phys = (entry & AddressMask & ~(SizeOf(level) - 1)) | (iova & (SizeOf(level) - 1));
                return true;
            }
            table = (ulong*)(entry & AddressMask);
        }
    }

    /// <summary>The table a leaf of <paramref name="level"/> goes in, allocating tables on the way down.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    ulong* TableFor(ulong iova, int level)
    {
        // Consecutive 4 KiB leaves mostly share a last-level table: remember it, as a kernel walker stays in one table.
        if (level == 1 && iova >> ShiftOf(2) == _leafTableKey)
            return _leafTable;
        Walks++;
        ulong* table = _root;
        for (int l = Levels; l > level; l--)
        {
            ref ulong entry = ref table[IndexOf(iova, l)];
            if ((entry & Present) == 0)
            {
                entry = (ulong)NewTable() | Present;
                TablePages++;
            }
            else if ((entry & LargePage) != 0)
            {
                throw new InvalidOperationException($"IOVA 0x{iova:x} is inside a mapped large page");
            }
            table = (ulong*)(entry & AddressMask);
        }
        if (level == 1)
        {
            _leafTable = table;
            _leafTableKey = iova >> ShiftOf(2);
        }
        return table;
    }

    static ulong* NewTable()
    {
        var table = (ulong*)NativeMemory.AlignedAlloc(4096, 4096);
        new Span<ulong>(table, EntriesPerTable).Clear();
        return table;
    }

    public void Dispose()
    {
        if (_root == null)
            return;
        FreeTable(_root, Levels);
        _root = null;
        _leafTable = null;
    }

    static void FreeTable(ulong* table, int level)
    {
        if (level > 1)
        {
            for (int i = 0; i < EntriesPerTable; i++)
            {
                ulong entry = table[i];
                if ((entry & Present) != 0 && (entry & LargePage) == 0)
                    FreeTable((ulong*)(entry & AddressMask), level - 1);
            }
        }
        NativeMemory.AlignedFree(table);
    }
}
