using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// An NVMe PRP data pointer built from DMA segments as drivers/nvme/host/pci.c (<c>nvme_pci_setup_data_prp</c>) builds
/// it: PRP1 is the first byte's address (the only one that may be unaligned) and covers the rest of its 4 KiB page;
/// every further 4 KiB page gets an 8-byte entry. One more entry goes in PRP2 directly; more go in list pages of 512
/// entries, and when a page fills while entries remain, its last entry moves to the next page and its slot becomes the
/// link (so full pages hold 511 data entries), written by <see cref="Complete"/>. A segment boundary inside a page
/// cannot be described and is refused.
/// <para>The NVMe driver caps a command at 8 MiB (five list pages); this consumer chains as far as the list goes.</para>
/// </summary>
public unsafe struct PrpList : IDmaSink, IDisposable
{
    public const int ControllerPageSize = 4096;

    struct State
    {
        public DescriptorPages<ulong> List;
        public ulong Prp1;
        public ulong PreviousEnd;
        public bool Started;
        public ulong UnalignedAt;
        public bool Refused;
    }

    State* _state;

    public static PrpList Create() => new() { _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)) };

    /// <summary>Starts a new command; list pages are reused.</summary>
    public void Reset()
    {
        DescriptorPages<ulong> list = _state->List;
        list.Reset();
        *_state = new State { List = list };   // every other field back to zero
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
            s->List.Add(address, chained: true);
        s->PreviousEnd = segment.End;
    }

    /// <summary>Links each full list page to the next (a list page's address stands in for its DMA address).</summary>
    public void Complete()
    {
        for (int i = 0; i < _state->List.Pages - 1; i++)
            *_state->List.LinkSlot(i) = (ulong)_state->List.Page(i + 1);
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
    public readonly long Entries => _state->Started ? 1 + _state->List.Count : 0;

    /// <summary>List pages used: none when PRP2 holds the second entry itself.</summary>
    public readonly int ListPages => _state->List.Count <= 1 ? 0 : _state->List.Pages;

    public readonly ulong Prp1 => _state->Prp1;

    /// <summary>0, the second data page, or the first list page.</summary>
    public readonly ulong Prp2 => _state->List.Count switch
    {
        0 => 0,
        1 => *_state->List.Page(0),
        _ => (ulong)_state->List.Page(0),
    };

    /// <summary>PRP1 and the list as written (see <see cref="DescriptorPages{T}.Digest"/>).</summary>
    public readonly ulong Digest => _state->List.Digest(_state->Prp1);

    public void Dispose()
    {
        if (_state == null)
            return;
        _state->List.Free();
        NativeMemory.Free(_state);
        _state = null;
    }
}
