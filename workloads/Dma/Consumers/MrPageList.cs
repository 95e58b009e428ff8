using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma.Consumers;

/// <summary>
/// The second walk of an RDMA memory registration: one 8-byte block address per HW page, as
/// <c>rdma_umem_for_each_dma_block</c> (include/rdma/ib_umem.h, drivers/infiniband/core/verbs.c
/// <c>__rdma_block_iter_next</c>) yields them: the aligned block holding the current DMA address, then a skip to the
/// next block boundary, which may consume several segments. Written into 4 KiB page-list pages (the MTT).
/// The count equals <c>ib_umem_num_dma_blocks</c> when the page size came from <see cref="MrPageSize"/>.
/// </summary>
public unsafe struct MrPageList : IDmaSink, IDisposable
{
    const int EntriesPerPage = DescriptorPages<ulong>.PageBytes / sizeof(ulong);

    struct State
    {
        public DescriptorPages<ulong> List;
        public ulong PageSize;
        public ulong Skip;
    }

    State* _state;

    public static MrPageList Create() => new() { _state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State)) };

    /// <summary>Starts a registration with HW pages of <paramref name="pageSize"/> bytes (a power of two).</summary>
    public void Reset(ulong pageSize)
    {
        if (pageSize == 0 || (pageSize & (pageSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "the MR page size is a power of two");
        _state->List.Reset();
        _state->PageSize = pageSize;
        _state->Skip = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in DmaSegment segment)
    {
        State* s = _state;
        if (s->Skip >= segment.Length)
        {
            s->Skip -= segment.Length;
            return;
        }
        ulong pageSize = s->PageSize;
        ulong position = segment.Address + s->Skip;
        ulong end = segment.End;
        while (true)
        {
            s->List.Add(position & ~(pageSize - 1), chained: false);
            ulong delta = pageSize - (position & (pageSize - 1));
            if (end - position <= delta)
            {
                s->Skip = delta - (end - position);
                return;
            }
            position += delta;
        }
    }

    public readonly long Blocks => _state->List.Count;

    public readonly ulong PageSize => _state->PageSize;

    /// <summary>Block <paramref name="index"/>'s DMA address.</summary>
    public readonly ulong Block(long index) =>
        _state->List.Page((int)(index / EntriesPerPage))[index % EntriesPerPage];

    /// <summary>The page size and the block list as written (see <see cref="DescriptorPages{T}.Digest"/>).</summary>
    public readonly ulong Digest => _state->List.Digest(_state->PageSize);

    public void Dispose()
    {
        if (_state == null)
            return;
        _state->List.Free();
        NativeMemory.Free(_state);
        _state = null;
    }
}
