using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// A GPU VM page table filled from DMA segments as Intel's xe driver binds a userptr (or system-memory BO):
/// drivers/gpu/drm/xe/xe_pt.c <c>xe_pt_stage_bind</c> walks the VA range top-down and calls
/// <c>xe_pt_stage_bind_entry</c> per entry, with an <c>xe_res_cursor</c> (xe_res_cursor.h) over the sg_table's DMA
/// segments. Four levels of 4 KiB tables of 512 eight-byte entries (48-bit VA: <c>vm_max_level = 3</c>, xe_pci.c
/// XE_HP_FEATURES). Each piece of VA, in order, gets:
/// <list type="number">
/// <item>a 1 GiB (level 2) or 2 MiB (level 1) leaf when <c>xe_pt_hugepte_possible</c> holds: the VA range covers the
///   entry exactly (<c>xe_pt_covers</c>), "the DMA segment cover[s] the whole pte" (<c>next - va_curs_start &gt;
///   curs-&gt;size</c> is false), and the DMA address is aligned to the entry's size. For an sg_table the cursor's
///   size is what is left of one sg entry (<c>__xe_res_sg_next</c>), so DMA-contiguous segments are never joined;</item>
/// <item>else a level-0 table under a PDE. From Xe_HP on (<c>GRAPHICS_VERx100 &gt;= 1250</c>) the table is compact,
///   32 entries of 64 KiB behind a PDE flagged <c>XE_PDE_64K</c>, when the range covers its whole 2 MiB and
///   <c>xe_pt_scan_64K</c> finds every 64 KiB chunk's DMA address 64 KiB aligned with the chunk inside one segment;</item>
/// <item>else 4 KiB PTEs. Each 64 KiB-aligned chunk that passes that same scan (<c>xe_pt_is_pte_ps64K</c>) has the
///   <c>XE_PTE_PS64</c> hint on its 16 PTEs; the others have none.</item>
/// </list>
/// Entries are written into real 4 KiB native tables taken from a pool that <see cref="Reset"/> keeps, so a steady
/// state allocates nothing. The first segment may start inside its page (the GPU VA has the same offset); any other
/// segment boundary inside a page is refused, as a PTE maps whole pages.
/// <para>Departures from xe:</para>
/// <list type="bullet">
/// <item>Segments arrive one at a time, while xe's walk scans ahead (<c>xe_pt_scan_64K</c> copies the cursor). A
///   level-0 table entered at its 2 MiB boundary is therefore written compact while every chunk qualifies, and
///   rewritten as the 4 KiB PTEs with PS64 xe writes there when a chunk fails or the segments end first: the same
///   tables, with extra writes in that case only.</item>
/// <item>Each <see cref="Reset"/> binds into an empty VM: every table below the root is new (<c>xe_pt_create</c>), so
///   nothing is staged for shared tables (<c>xe_pt_new_shared</c>, <c>xe_migrate_update_pgtables</c>); no TLB
///   invalidation, fences or scratch pages. A table the range does not cover is zeroed (<c>xe_pt_populate_empty</c>
///   without scratch): when entered at an unaligned VA, or, for the last table of each level, in <see cref="Complete"/>
///   (the end is known only then).</item>
/// <item>Entries hold the address and PRESENT, RW and the page-size bits only: no PAT index bits
///   (<c>pte_encode_pat_index</c>), no DM (system memory) or AE bit. A PDE holds its table's native address, standing
///   in for the table BO's address. A peer's bus address is mapped as any DMA address.</item>
/// </list>
/// </summary>
public unsafe struct GpuPageTable : IDmaSink, IDisposable
{
    /// <summary>Bits from drivers/gpu/drm/xe/regs/xe_gtt_defs.h.</summary>
    public const ulong PagePresent = 1UL << 0;           // XE_PAGE_PRESENT
    public const ulong PageRw = 1UL << 1;                // XE_PAGE_RW
    public const ulong Pde64K = 1UL << 6;                // XE_PDE_64K: the level-0 table below is compact
    public const ulong PageSize2M1G = 1UL << 7;          // XE_PDE_PS_2M at level 1, XE_PDPE_PS_1G at level 2
    public const ulong PtePs64 = 1UL << 8;               // XE_PTE_PS64: 64 KiB TLB hint on a 4 KiB PTE
    public const ulong AddressMask = 0x000F_FFFF_FFFF_F000;

    public const int EntriesPerTable = 512;              // XE_PDES
    public const int CompactEntries = 32;                // 2 MiB / 64 KiB (xe_compact_pt_shifts)
    public const int VaBits = 48;

    const ulong Size4K = 1UL << 12, Size64K = 1UL << 16, Size2M = 1UL << 21, Size1G = 1UL << 30, Size512G = 1UL << 39;
    const ulong PresentRw = PagePresent | PageRw;          // xe_vm.c xelp_pde_encode_bo, xelp_pte_encode_vma (a writable VMA)
    const nuint TableBytes = EntriesPerTable * sizeof(ulong);

    struct State
    {
        public ulong* Root;
        public ulong** Pool;
        public int PoolCapacity;
        public int PoolAllocated;
        public int TablesUsed;
        public bool Compact64K;

        // The open table of each level below the root and the VA where its span ends (0: none open).
        public ulong* L2, L1, L0;
        public ulong L2End, L1End, L0End;
        public bool L2Zeroed, L1Zeroed, L0Zeroed;
        public ulong* L0Pde;                             // the level-1 entry pointing at L0
        public bool CompactPending;                      // L0 is being written compact (see the departures)
        public int CompactChunks;

        public ulong VaStart;
        public ulong Va;                                 // the next page of GPU VA to map
        public int RootLo, RootHi;                       // root entries this bind wrote, cleared by the next Reset
        public ulong PreviousEnd;
        public bool Started;
        public RefusalReason Refused;
        public ulong RefusedAt;

        public long Ptes4K, Ptes4KPs64, Ptes64K, Ptes2M, Ptes1G, Pdes;
    }

    State* _state;

    /// <param name="compact64K">
    /// Xe_HP and later (<c>GRAPHICS_VERx100 &gt;= 1250</c>: DG2, PVC, Meteor Lake, Xe2) use compact 64 KiB tables;
    /// earlier platforms only set the PS64 hint.
    /// </param>
    public static GpuPageTable Create(bool compact64K = true)
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Root = (ulong*)NativeMemory.AlignedAlloc(TableBytes, TableBytes);
        NativeMemory.Clear(state->Root, TableBytes);   // the VM's root exists before any bind, empty
        state->Compact64K = compact64K;
        return new GpuPageTable { _state = state };
    }

    /// <summary>
    /// Starts a bind at <paramref name="gpuVa"/>, the page-aligned GPU VA of the first segment's page (its first byte
    /// is at <paramref name="gpuVa"/> plus the segment's offset in its page). Table pages are reused.
    /// </summary>
    public void Reset(ulong gpuVa)
    {
        if ((gpuVa & Page.OffsetMask) != 0 || gpuVa >= 1UL << VaBits)
            throw new ArgumentOutOfRangeException(nameof(gpuVa), gpuVa, "a GPU VA to bind at is page aligned and below 2^48");
        State* s = _state;
        if (s->RootHi > s->RootLo)
            NativeMemory.Clear(s->Root + s->RootLo, (nuint)((s->RootHi - s->RootLo) * sizeof(ulong)));
        *s = new State
        {
            Root = s->Root,
            Pool = s->Pool,
            PoolCapacity = s->PoolCapacity,
            PoolAllocated = s->PoolAllocated,
            Compact64K = s->Compact64K,
            VaStart = gpuVa,
            Va = gpuVa,
        };   // every other field back to zero
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        if (s->Refused != RefusalReason.None || segment.Length == 0)
            return;
        ulong dma = segment.Address;
        ulong bytes = segment.Length;
        if (!s->Started)
        {
            s->Started = true;
            bytes += dma & Page.OffsetMask;   // the PTE maps the first page whole
            dma &= ~Page.OffsetMask;
        }
        else if (((s->PreviousEnd | dma) & Page.OffsetMask) != 0)
        {
            Refuse(s, RefusalReason.InteriorBoundaryUnaligned, (s->PreviousEnd & Page.OffsetMask) != 0 ? s->PreviousEnd : dma);
            return;
        }
        s->PreviousEnd = segment.End;
        bytes = (bytes + Page.OffsetMask) & ~Page.OffsetMask;   // a last segment ending inside a page maps it whole
        ulong va = s->Va;
        if (bytes > (1UL << VaBits) - va)
        {
            Refuse(s, RefusalReason.FieldOverflow, va);
            return;
        }
        s->Va = va + bytes;

        // `bytes` is what is left of this segment: xe_res_cursor's size for an sg entry.
        while (bytes != 0)
        {
            // xe_pt_hugepte_possible at level 2, then 1: VA and DMA aligned, and this segment covers the leaf.
            if (((va | dma) & (Size1G - 1)) == 0 && bytes >= Size1G)
            {
                WriteHuge(s, va, dma, level: 2);
                va += Size1G;
                dma += Size1G;
                bytes -= Size1G;
                continue;
            }
            if (((va | dma) & (Size2M - 1)) == 0 && bytes >= Size2M)
            {
                WriteHuge(s, va, dma, level: 1);
                va += Size2M;
                dma += Size2M;
                bytes -= Size2M;
                continue;
            }
            ulong run = Math.Min(bytes, Size2M - (va & (Size2M - 1)));
            if (va >= s->L0End)
                OpenL0(s, va);
            WriteLevel0(s, va, dma, run);
            va += run;
            dma += run;
            bytes -= run;
        }
    }

    /// <summary>Level-0 entries for <paramref name="run"/> bytes inside one segment and one 2 MiB span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WriteLevel0(State* s, ulong va, ulong dma, ulong run)
    {
        ulong* table = s->L0;
        if (s->CompactPending)
        {
            // xe_pt_scan_64K over the 2 MiB, one chunk at a time: DMA 64 KiB aligned, the chunk inside this segment.
            // The table began at its 2 MiB boundary and every chunk so far was whole, so va is 64 KiB aligned.
            Debug.Assert((va & (Size64K - 1)) == 0);
            while (run >= Size64K && (dma & (Size64K - 1)) == 0)
            {
                table[(va >> 16) & (CompactEntries - 1)] = dma | PresentRw;
                s->CompactChunks++;
                va += Size64K;
                dma += Size64K;
                run -= Size64K;
            }
            if (s->CompactChunks == CompactEntries)
            {
                *s->L0Pde |= Pde64K;
                s->Ptes64K += CompactEntries;
                s->CompactPending = false;
                return;
            }
            if (run == 0)
                return;   // the segment ended on a chunk boundary: the next one may still complete the table
            Demote(s);
        }
        ulong* pte = table + ((va >> 12) & (EntriesPerTable - 1));
        while (run != 0)
        {
            // xe_pt_is_pte_ps64K: a 64 KiB-aligned chunk with a 64 KiB-aligned DMA address inside this segment.
            if (((va | dma) & (Size64K - 1)) == 0 && run >= Size64K)
            {
                for (int i = 0; i < 16; i++)
                    pte[i] = (dma + (ulong)i * Size4K) | PresentRw | PtePs64;
                pte += 16;
                s->Ptes4KPs64 += 16;
                va += Size64K;
                dma += Size64K;
                run -= Size64K;
                continue;
            }
            ulong bytes = Math.Min(run, Size64K - (va & (Size64K - 1)));
            for (ulong end = dma + bytes; dma < end; dma += Size4K)
                *pte++ = dma | PresentRw;
            s->Ptes4K += (long)(bytes >> 12);
            va += bytes;
            run -= bytes;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void WriteHuge(State* s, ulong va, ulong dma, int level)
    {
        if (level == 2)
        {
            if (va >= s->L2End)
                OpenL2(s, va);
            s->L2[(va >> 30) & (EntriesPerTable - 1)] = dma | PresentRw | PageSize2M1G;
            s->Ptes1G++;
        }
        else
        {
            if (va >= s->L1End)
                OpenL1(s, va);
            s->L1[(va >> 21) & (EntriesPerTable - 1)] = dma | PresentRw | PageSize2M1G;
            s->Ptes2M++;
        }
    }

    /// <summary>A new level-0 table under a PDE (<c>xe_pt_stage_bind_entry</c> descending from level 1).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void OpenL0(State* s, ulong va)
    {
        if (va >= s->L1End)
            OpenL1(s, va);
        ulong offset = va & (Size2M - 1);
        s->L0 = TakeTable(s, zero: offset != 0, out s->L0Zeroed);
        s->L0End = va - offset + Size2M;
        s->L0Pde = s->L1 + ((va >> 21) & (EntriesPerTable - 1));
        *s->L0Pde = (ulong)s->L0 | PresentRw;
        s->Pdes++;
        // Compact needs the whole 2 MiB in range ("covers"); whether every chunk qualifies shows as they come.
        s->CompactPending = s->Compact64K && offset == 0;
        s->CompactChunks = 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void OpenL1(State* s, ulong va)
    {
        if (va >= s->L2End)
            OpenL2(s, va);
        ulong offset = va & (Size1G - 1);
        s->L1 = TakeTable(s, zero: offset != 0, out s->L1Zeroed);
        s->L1End = va - offset + Size1G;
        s->L2[(va >> 30) & (EntriesPerTable - 1)] = (ulong)s->L1 | PresentRw;
        s->Pdes++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void OpenL2(State* s, ulong va)
    {
        ulong offset = va & (Size512G - 1);
        s->L2 = TakeTable(s, zero: offset != 0, out s->L2Zeroed);
        s->L2End = va - offset + Size512G;
        int index = (int)(va >> 39) & (EntriesPerTable - 1);
        s->Root[index] = (ulong)s->L2 | PresentRw;
        s->Pdes++;
        if (s->RootHi == 0)
            s->RootLo = index;
        s->RootHi = index + 1;
    }

    /// <summary>The next pooled table page; zeroed when the range does not cover it (<c>xe_pt_populate_empty</c>).</summary>
    static ulong* TakeTable(State* s, bool zero, out bool zeroed)
    {
        if (s->TablesUsed == s->PoolAllocated)
        {
            if (s->PoolAllocated == s->PoolCapacity)
            {
                s->PoolCapacity = Math.Max(8, s->PoolCapacity * 2);
                s->Pool = (ulong**)NativeMemory.Realloc(s->Pool, (nuint)(s->PoolCapacity * sizeof(ulong*)));
            }
            s->Pool[s->PoolAllocated++] = (ulong*)NativeMemory.AlignedAlloc(TableBytes, TableBytes);
        }
        ulong* table = s->Pool[s->TablesUsed++];
        if (zero)
            NativeMemory.Clear(table, TableBytes);
        zeroed = zero;
        return table;
    }

    /// <summary>
    /// The compact chunks written so far become the 4 KiB PTEs with PS64 that xe writes when the 2 MiB cannot be
    /// compact (each chunk passed <c>xe_pt_scan_64K</c>). Backwards, since chunk k's PTEs start at slot 16k ≥ k.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Demote(State* s)
    {
        ulong* table = s->L0;
        for (int k = s->CompactChunks - 1; k >= 0; k--)
        {
            ulong dma = table[k] & AddressMask;
            for (int i = 15; i >= 0; i--)
                table[16 * k + i] = (dma + (ulong)i * Size4K) | PresentRw | PtePs64;
        }
        s->Ptes4KPs64 += 16L * s->CompactChunks;
        s->CompactPending = false;
    }

    /// <summary>Ends the bind: a level-0 table still being written compact is not covered, and each level's last table is zeroed past the range.</summary>
    public void Complete()
    {
        State* s = _state;
        ulong va = s->Va;
        if (s->L0 != null && va < s->L0End)
        {
            if (s->CompactPending)
                Demote(s);
            ZeroTail(s->L0, s->L0Zeroed, s->L0End - Size2M, va, 12);
        }
        if (s->L1 != null && va < s->L1End)
            ZeroTail(s->L1, s->L1Zeroed, s->L1End - Size1G, va, 21);
        if (s->L2 != null && va < s->L2End)
            ZeroTail(s->L2, s->L2Zeroed, s->L2End - Size512G, va, 30);
    }

    static void ZeroTail(ulong* table, bool zeroed, ulong tableVa, ulong end, int shift)
    {
        if (zeroed)
            return;
        int next = (int)((end - tableVa + (1UL << shift) - 1) >> shift);
        NativeMemory.Clear(table + next, (nuint)((EntriesPerTable - next) * sizeof(ulong)));
    }

    static void Refuse(State* s, RefusalReason reason, ulong at)
    {
        s->Refused = reason;
        s->RefusedAt = at;
    }

    public readonly bool TryGetRefusal(out Refusal refusal)
    {
        refusal = _state->Refused switch
        {
            RefusalReason.None => Refusal.None,
            RefusalReason.InteriorBoundaryUnaligned => new Refusal("gpu-pt", RefusalReason.InteriorBoundaryUnaligned,
                $"segment boundary at 0x{_state->RefusedAt:x} is not 4 KiB aligned; GPU PTEs map whole pages"),
            RefusalReason r => new Refusal("gpu-pt", r, $"GPU VA 0x{_state->RefusedAt:x} plus the segment passes the {VaBits}-bit VA space"),
        };
        return _state->Refused != RefusalReason.None;
    }

    /// <summary>Leaf entries written: what the bind costs in PTE writes (PDEs not counted).</summary>
    public readonly long Ptes => _state->Ptes4K + _state->Ptes4KPs64 + _state->Ptes64K + _state->Ptes2M + _state->Ptes1G;

    /// <summary>4 KiB PTEs without the 64 KiB hint.</summary>
    public readonly long Ptes4K => _state->Ptes4K;

    /// <summary>4 KiB PTEs with <c>XE_PTE_PS64</c>, 16 per 64 KiB chunk.</summary>
    public readonly long Ptes4KPs64 => _state->Ptes4KPs64;

    /// <summary>64 KiB entries of compact level-0 tables, 32 per table.</summary>
    public readonly long Ptes64K => _state->Ptes64K;

    public readonly long Ptes2M => _state->Ptes2M;

    public readonly long Ptes1G => _state->Ptes1G;

    /// <summary>Directory entries pointing at a table, root entries included.</summary>
    public readonly long Pdes => _state->Pdes;

    /// <summary>Table pages this bind took (4 KiB each; the VM's root not counted).</summary>
    public readonly int TablePages => _state->TablesUsed;

    /// <summary>Table pages allocated since creation: the pool, which stops growing once binds repeat.</summary>
    public readonly int TablePagesAllocated => _state->PoolAllocated;

    /// <summary>
    /// Walks the table as the GPU would (<paramref name="pageSize"/>: 4 KiB, 64 KiB, 2 MiB or 1 GiB; <paramref name="pte"/>:
    /// the leaf entry). For tests and checks, not timed.
    /// </summary>
    public readonly bool TryTranslate(ulong gpuVa, out ulong dma, out ulong pageSize, out ulong pte)
    {
        ulong* table = _state->Root;
        bool compact = false;
        for (int level = 3; ; level--)
        {
            int shift = level == 0 && compact ? 16 : 12 + 9 * level;
            int mask = level == 0 && compact ? CompactEntries - 1 : EntriesPerTable - 1;
            ulong entry = table[(int)(gpuVa >> shift) & mask];
            pageSize = 1UL << shift;
            pte = entry;
            dma = 0;
            if ((entry & PagePresent) == 0)
                return false;
            if (level == 0 || (level <= 2 && (entry & PageSize2M1G) != 0))
            {
                dma = (entry & AddressMask & ~(pageSize - 1)) | (gpuVa & (pageSize - 1));
                return true;
            }
            compact = level == 1 && (entry & Pde64K) != 0;
            table = (ulong*)(entry & AddressMask);
        }
    }

    /// <summary>
    /// FNV-1a over the start VA and the table tree from the root, every table entry by entry (32 for a compact one):
    /// leaves as written, PDEs by their flags (their addresses are pool pages) followed by the table they point at.
    /// Two binds give equal digests exactly when they wrote the same tables; benchmark validation, not timed.
    /// </summary>
    public readonly ulong Digest
    {
        get
        {
            ulong hash = Mix(14695981039346656037UL, _state->VaStart);
            return HashTable(hash, _state->Root, 3, compact: false);
        }
    }

    static ulong HashTable(ulong hash, ulong* table, int level, bool compact)
    {
        int entries = compact ? CompactEntries : EntriesPerTable;
        for (int i = 0; i < entries; i++)
        {
            ulong entry = table[i];
            bool pde = level > 0 && (entry & PagePresent) != 0 && (level == 3 || (entry & PageSize2M1G) == 0);
            if (!pde)
            {
                hash = Mix(hash, entry);
                continue;
            }
            hash = Mix(hash, entry & ~AddressMask);
            hash = HashTable(hash, (ulong*)(entry & AddressMask), level - 1, level == 1 && (entry & Pde64K) != 0);
        }
        return hash;
    }

    static ulong Mix(ulong hash, ulong value)
    {
        for (int i = 0; i < 8; i++, value >>= 8)
            hash = (hash ^ (byte)value) * 1099511628211UL;
        return hash;
    }

    public void Dispose()
    {
        if (_state == null)
            return;
        for (int i = 0; i < _state->PoolAllocated; i++)
            NativeMemory.AlignedFree(_state->Pool[i]);
        NativeMemory.Free(_state->Pool);
        NativeMemory.AlignedFree(_state->Root);
        NativeMemory.Free(_state);
        _state = null;
    }
}
