using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Density;

/// <summary>
/// Builds encodings from a page list and reads their footprints. The page list is streamed once per call in GUP
/// batches and every batch is appended to every requested encoding.
/// <list type="bullet">
/// <item>Without mappers, lists are built in counting mode, so a terabyte costs one pass of generation and constant
///   memory (counting mode recycles its buffers; see <see cref="KernelAllocator"/>).</item>
/// <item>With mappers, each built list is mapped by each of them and the DMA output's footprint counted. Mapping walks
///   the list, so the list is built for real, which is done up to <see cref="MaxMappedBytes"/> pinned; above it the
///   DMA results say so. The mapping is real (IOVA and IO page table), so what it writes there is counted too.</item>
/// </list>
/// </summary>
public static class DensityMeasurer
{
    /// <summary>Largest list mapped for DMA density: 64 GiB pinned is 16 Mi pages, at most a few hundred MB per list.</summary>
    public const ulong MaxMappedBytes = 64UL << 30;

    public static IReadOnlyList<DensityResult> Measure(PageList list, IReadOnlyList<string> encodings,
        ulong maxSegment = BuildParameters.UnlimitedMaxSegment, CancellationToken cancel = default) =>
        Measure(list, encodings, maxSegment, [], DmaLimits.None, cancel);

    public static IReadOnlyList<DensityResult> Measure(PageList list, IReadOnlyList<string> encodings, ulong maxSegment,
        IReadOnlyList<MapperInfo> mappers, DmaLimits limits, CancellationToken cancel = default, ulong granule = Page.Size)
    {
        BuildParameters parameters = list.Parameters(maxSegment);
        bool map = mappers.Count > 0 && list.LengthBytes <= MaxMappedBytes;
        var probes = encodings.Select(e => EncodingRegistry.Visit(e, new ProbeFactory(parameters, counting: !map))).ToList();
        try
        {
            using PageBatcher batches = list.Batches();
            int batchCount = 0, owner = -1;
            ulong ownerChanges = 0;
            while (batches.Next(out ReadOnlySpan<PinnedPage> batch, out ulong left))
            {
                foreach (IProbe probe in probes)
                    probe.Append(batch, left);
                if (list.Bars.Count > 0)
                {
                    foreach (PinnedPage page in batch)
                    {
                        ownerChanges += owner >= 0 && page.Provider != owner ? 1UL : 0;
                        owner = page.Provider;
                    }
                }
                if ((++batchCount & 0xFFF) == 0)
                    cancel.ThrowIfCancellationRequested();
            }
            return probes.Select(p => p.Result(list, Dma(p, list, mappers, limits, granule, map)) with { OwnerChanges = ownerChanges }).ToList();
        }
        finally
        {
            foreach (IProbe probe in probes)
                probe.Dispose();
        }
    }

    static IReadOnlyList<DmaDensityResult> Dma(IProbe probe, PageList list, IReadOnlyList<MapperInfo> mappers, DmaLimits limits, ulong granule, bool map)
    {
        if (!map)
        {
            string reason = $"not mapped: DMA density walks the built list, so it is measured up to {ByteSize.Format(MaxMappedBytes)} pinned";
            return mappers.Select(m => new DmaDensityResult(m.Name, 0, null, reason)).ToList();
        }
        return mappers.Select(m =>
        {
            using var mapper = new DmaMapper(m.Kind, limits, list.Bars, granule);
            return probe.Map(mapper, m.Name);
        }).ToList();
    }

    interface IProbe : IDisposable
    {
        void Append(ReadOnlySpan<PinnedPage> batch, ulong leftPages);
        DmaDensityResult Map(DmaMapper mapper, string name);
        DensityResult Result(PageList list, IReadOnlyList<DmaDensityResult> dma);
    }

    sealed class ProbeFactory(BuildParameters parameters, bool counting) : IEncodingVisitor<IProbe>
    {
        public IProbe Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList> =>
            new Probe<TList, TDma>(parameters, counting);
    }

    /// <summary>One encoding's build, with its own allocator; once refused, it ignores further batches.</summary>
    sealed class Probe<TList, TDma> : IProbe
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        readonly KernelAllocator _allocator;
        TList _list;
        Refusal? _refusal;

        public Probe(BuildParameters parameters, bool counting)
        {
            _allocator = new KernelAllocator(counting);
            _list = TList.Create(_allocator, parameters);
        }

        public void Append(ReadOnlySpan<PinnedPage> batch, ulong leftPages)
        {
            if (_refusal is null && !_list.TryAppend(batch, leftPages, out Refusal refusal))
                _refusal = refusal;
        }

        /// <summary>Maps the built list (IOVA and page table included) into an output whose allocations are only counted, and unmaps it.</summary>
        public DmaDensityResult Map(DmaMapper mapper, string name)
        {
            if (_refusal is { } refused)
                return new DmaDensityResult(name, 0, null, $"the list was not built: {refused.Detail}");
            using var counting = new KernelAllocator(counting: true);
            TDma output = TDma.Create(counting, _list, mapper.IsIdentity);
            try
            {
                // A real mapping (IOVA and page table), for what it writes to the page table; undone at once.
                PageTableWork before = mapper.PageTable?.Work ?? default;
                if (!mapper.TryMap(_list, ref output, out DmaMapping mapping, out Refusal refusal))
                    return new DmaDensityResult(name, 0, null, refusal.Detail);
                PageTableWork? work = mapper.PageTable is { } table ? table.Work - before : null;
                mapper.Unmap(mapping);
                return new DmaDensityResult(name, mapping.Segments, mapping.Stored(output.Footprint), null, work);
            }
            finally
            {
                output.Dispose();
            }
        }

        public DensityResult Result(PageList list, IReadOnlyList<DmaDensityResult> dma) =>
            new(TList.Name, list.Name, list.LengthBytes, list.Pages, _refusal is null ? _list.Footprint : null, _refusal, dma);

        public void Dispose()
        {
            _list.Dispose();
            _allocator.Dispose();
        }
    }
}
