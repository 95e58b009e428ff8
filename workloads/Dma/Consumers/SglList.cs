using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// An NVMe SGL built from DMA segments: one 16-byte data block descriptor per segment (a segment longer than the
/// 32-bit length field takes several). One descriptor goes in the command itself; more go in 4 KiB list pages of
/// 256, the command pointing at the first with a Last Segment descriptor. When more remain than a page holds, its
/// last slot becomes a Segment descriptor for the next page (its data descriptor moves there), and the descriptor
/// that points at the final page is a Last Segment, as the NVMe base specification allows. Linux itself uses one
/// list page (<c>nvme_pci_setup_data_sgl</c>, NVME_MAX_SEGS = 256) and picks SGL when segments average 32 KiB or more.
/// </summary>
public unsafe struct SglList : IDmaSink, IDisposable
{
    public const int DescriptorsPerPage = DescriptorPages<NvmeSglDescriptor>.PageBytes / 16;

    /// <summary>Longest data block a descriptor describes, kept page aligned so the pieces of a long segment stay aligned.</summary>
    public const ulong MaxDescriptorLength = uint.MaxValue & ~0xFFFUL;

    struct State
    {
        public DescriptorPages<NvmeSglDescriptor> List;
        public NvmeSglDescriptor Command;
    }

    State* _state;

    public static SglList Create() => new() { _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)) };

    /// <summary>Starts a new command; list pages are reused.</summary>
    public void Reset()
    {
        _state->List.Reset();
        _state->Command = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        ulong address = segment.Address, length = segment.Length;
        while (length > MaxDescriptorLength)
        {
            _state->List.Add(NvmeSglDescriptor.Data(address, (uint)MaxDescriptorLength), chained: true);
            address += MaxDescriptorLength;
            length -= MaxDescriptorLength;
        }
        _state->List.Add(NvmeSglDescriptor.Data(address, (uint)length), chained: true);
    }

    /// <summary>Writes the command's descriptor and the links between list pages (their lengths are known only now).</summary>
    public void Complete()
    {
        ref DescriptorPages<NvmeSglDescriptor> list = ref _state->List;
        if (list.Count <= 1)
        {
            _state->Command = list.Count == 0 ? default : *list.Page(0);
            return;
        }
        NvmeSglDescriptor* link = &_state->Command;
        for (int i = 0; i < list.Pages; i++)
        {
            bool last = i == list.Pages - 1;
            *link = new NvmeSglDescriptor
            {
                Addr = (ulong)list.Page(i),
                Length = (uint)((last ? list.UsedInLastPage : DescriptorsPerPage) * sizeof(NvmeSglDescriptor)),
                Type = last ? NvmeSglDescriptor.LastSegment : NvmeSglDescriptor.Segment,
            };
            link = list.LinkSlot(i);
        }
    }

    /// <summary>Data block descriptors (links not counted).</summary>
    public readonly long Descriptors => _state->List.Count;

    /// <summary>List pages: none when the one descriptor fits in the command.</summary>
    public readonly int ListPages => _state->List.Count <= 1 ? 0 : _state->List.Pages;

    /// <summary>The command's DPTR after <see cref="Complete"/>.</summary>
    public readonly NvmeSglDescriptor Command => _state->Command;

    /// <summary>Descriptor <paramref name="index"/> of list page <paramref name="page"/>.</summary>
    public readonly NvmeSglDescriptor Descriptor(int page, int index) => _state->List.Page(page)[index];

    /// <summary>The command's descriptor and the list as written (see <see cref="DescriptorPages{T}.Digest"/>).</summary>
    public readonly ulong Digest => _state->List.Digest(_state->Command.Addr ^ ((ulong)_state->Command.Length << 8) ^ _state->Command.Type);

    public void Dispose()
    {
        if (_state == null)
            return;
        _state->List.Free();
        NativeMemory.Free(_state);
        _state = null;
    }
}
