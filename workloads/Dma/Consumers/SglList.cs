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
    public const int DescriptorsPerPage = NativePagePool.PageBytes / 16;

    /// <summary>Longest data block a descriptor describes, kept page aligned so the pieces of a long segment stay aligned.</summary>
    public const ulong MaxDescriptorLength = uint.MaxValue & ~0xFFFUL;

    struct State
    {
        public NativePagePool* Pool;
        public NvmeSglDescriptor* Current;
        public int Index;
        public int Pages;
        public long Descriptors;
        public NvmeSglDescriptor Command;
    }

    State* _state;

    public static SglList Create()
    {
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Pool = NativePagePool.Create();
        return new SglList { _state = state };
    }

    public void Reset()
    {
        NativePagePool* pool = _state->Pool;
        *_state = default;
        _state->Pool = pool;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        ulong address = segment.Address, length = segment.Length;
        while (length > MaxDescriptorLength)
        {
            Push(_state, NvmeSglDescriptor.Data(address, (uint)MaxDescriptorLength));
            address += MaxDescriptorLength;
            length -= MaxDescriptorLength;
        }
        Push(_state, NvmeSglDescriptor.Data(address, (uint)length));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Push(State* s, NvmeSglDescriptor descriptor)
    {
        if (s->Current == null || s->Index == DescriptorsPerPage)
            NextPage(s);
        s->Current[s->Index++] = descriptor;
        s->Descriptors++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void NextPage(State* s)
    {
        var page = (NvmeSglDescriptor*)s->Pool->Get(s->Pages++);
        if (s->Current == null)
        {
            s->Index = 0;
        }
        else
        {
            page[0] = s->Current[DescriptorsPerPage - 1];
            s->Index = 1;   // the old page's last slot becomes the link, written by Complete once the next page's length is known
        }
        s->Current = page;
    }

    /// <summary>Writes the command's descriptor and the links between list pages (their lengths are known only now).</summary>
    public void Complete()
    {
        State* s = _state;
        if (s->Descriptors == 0)
        {
            s->Command = default;
            return;
        }
        if (s->Descriptors == 1)
        {
            s->Command = *(NvmeSglDescriptor*)s->Pool->Get(0);
            return;
        }
        NvmeSglDescriptor* link = &s->Command;
        for (int i = 0; i < s->Pages; i++)
        {
            int used = i == s->Pages - 1 ? s->Index : DescriptorsPerPage;
            var page = (NvmeSglDescriptor*)s->Pool->Get(i);
            *link = new NvmeSglDescriptor
            {
                Addr = (ulong)page,
                Length = (uint)(used * sizeof(NvmeSglDescriptor)),
                Type = i == s->Pages - 1 ? NvmeSglDescriptor.LastSegment : NvmeSglDescriptor.Segment,
            };
            link = page + DescriptorsPerPage - 1;
        }
    }

    /// <summary>Data block descriptors (links not counted).</summary>
    public readonly long Descriptors => _state->Descriptors;

    /// <summary>List pages: none when the one descriptor fits in the command.</summary>
    public readonly int ListPages => _state->Descriptors <= 1 ? 0 : _state->Pages;

    /// <summary>The command's DPTR after <see cref="Complete"/>.</summary>
    public readonly NvmeSglDescriptor Command => _state->Command;

    /// <summary>Descriptor <paramref name="index"/> of list page <paramref name="page"/>.</summary>
    public readonly NvmeSglDescriptor Descriptor(int page, int index) => ((NvmeSglDescriptor*)_state->Pool->Get(page))[index];

    public void Dispose()
    {
        if (_state == null)
            return;
        NativePagePool.Destroy(_state->Pool);
        NativeMemory.Free(_state);
        _state = null;
    }
}
