using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// An NVMe PRP data pointer built from DMA segments as drivers/nvme/host/pci.c (<c>nvme_pci_setup_data_prp</c>) builds
/// it: PRP1 is the first byte's address (the only one that may be unaligned) and covers the rest of its 4 KiB page;
/// every further 4 KiB page gets an 8-byte entry. One more entry goes in PRP2 directly; more go in list pages of 512
/// entries, and when a page fills while entries remain, its last entry moves to the next page and its slot becomes the
/// link (so full pages hold 511 data entries). A segment boundary inside a page cannot be described and is refused.
/// <para>The NVMe driver caps a command at 8 MiB (five list pages); this consumer chains as far as the list goes.</para>
/// </summary>
public unsafe struct PrpList : IDmaSink, IDisposable
{
    public const int ControllerPageSize = 4096;
    public const int EntriesPerListPage = ControllerPageSize / sizeof(ulong);

    struct State
    {
        public NativePagePool* Pool;
        public ulong* Current;
        public int Index;
        public int Pages;
        public long ListEntries;
        public ulong Prp1;
        public ulong PreviousEnd;
        public bool Started;
        public ulong UnalignedAt;
        public bool Refused;
    }

    State* _state;

    public static PrpList Create()
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Pool = NativePagePool.Create();
        return new PrpList { _state = state };
    }

    /// <summary>Starts a new command; list pages are reused.</summary>
    public void Reset()
    {
        NativePagePool* pool = _state->Pool;
        *_state = default;
        _state->Pool = pool;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        if (s->Refused)
            return;
        ulong address = segment.Address;
        if (!s->Started)
        {
            s->Started = true;
            s->Prp1 = address;
            address = (address & ~(ulong)(ControllerPageSize - 1)) + ControllerPageSize;
        }
        else if (((s->PreviousEnd | address) & (ControllerPageSize - 1)) != 0)
        {
            s->Refused = true;
            s->UnalignedAt = (s->PreviousEnd & (ControllerPageSize - 1)) != 0 ? s->PreviousEnd : address;
            return;
        }
        for (ulong end = segment.End; address < end; address += ControllerPageSize)
            Push(s, address);
        s->PreviousEnd = segment.End;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Push(State* s, ulong entry)
    {
        if (s->Current == null || s->Index == EntriesPerListPage)
            NextPage(s);
        s->Current[s->Index++] = entry;
        s->ListEntries++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void NextPage(State* s)
    {
        var page = (ulong*)s->Pool->Get(s->Pages++);
        if (s->Current == null)
        {
            s->Index = 0;
        }
        else
        {
            page[0] = s->Current[EntriesPerListPage - 1];
            s->Current[EntriesPerListPage - 1] = (ulong)page;   // the list page's address stands in for its DMA address
            s->Index = 1;
        }
        s->Current = page;
    }

    public readonly bool TryGetRefusal(out Refusal refusal)
    {
        refusal = _state->Refused
            ? new Refusal("nvme-prp", RefusalReason.InteriorBoundaryUnaligned,
                $"segment boundary at 0x{_state->UnalignedAt:x} is not 4 KiB aligned; PRP entries address whole controller pages")
            : Refusal.None;
        return _state->Refused;
    }

    /// <summary>Data pointers: PRP1 plus every further page entry (the list's links not counted).</summary>
    public readonly long Entries => _state->Started ? 1 + _state->ListEntries : 0;

    /// <summary>List pages used: none when PRP2 holds the second entry itself.</summary>
    public readonly int ListPages => _state->ListEntries <= 1 ? 0 : _state->Pages;

    public readonly ulong Prp1 => _state->Prp1;

    /// <summary>0, the second data page, or the first list page.</summary>
    public readonly ulong Prp2 => _state->ListEntries switch
    {
        0 => 0,
        1 => *(ulong*)_state->Pool->Get(0),
        _ => (ulong)_state->Pool->Get(0),
    };

    public void Dispose()
    {
        if (_state == null)
            return;
        NativePagePool.Destroy(_state->Pool);
        NativeMemory.Free(_state);
        _state = null;
    }
}
