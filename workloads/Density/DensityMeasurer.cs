using BenchSuite.Encodings;
using BenchSuite.Workloads.PageLists;

namespace BenchSuite.Workloads.Density;

/// <summary>
/// Builds encodings from a page list in counting mode and reads their footprints. The page list is streamed once
/// per call in GUP batches and every batch is appended to every requested encoding, so a terabyte costs one pass of
/// generation and constant memory (counting mode recycles its buffers; see <see cref="KernelAllocator"/>).
/// </summary>
public static class DensityMeasurer
{
    public static IReadOnlyList<DensityResult> Measure(PageList list, IReadOnlyList<string> encodings,
        ulong maxSegment = BuildParameters.UnlimitedMaxSegment, CancellationToken cancel = default)
    {
        BuildParameters parameters = list.Parameters(maxSegment);
        var probes = encodings.Select(e => EncodingCatalog.Visit(e, new ProbeFactory(parameters))).ToList();
        try
        {
            using PageBatcher batches = list.Batches();
            int batchCount = 0;
            while (batches.Next(out ReadOnlySpan<PinnedPage> batch, out ulong left))
            {
                foreach (IProbe probe in probes)
                    probe.Append(batch, left);
                if ((++batchCount & 0xFFF) == 0)
                    cancel.ThrowIfCancellationRequested();
            }
            return probes.Select(p => p.Result(list)).ToList();
        }
        finally
        {
            foreach (IProbe probe in probes)
                probe.Dispose();
        }
    }

    interface IProbe : IDisposable
    {
        void Append(ReadOnlySpan<PinnedPage> batch, ulong leftPages);
        DensityResult Result(PageList list);
    }

    sealed class ProbeFactory(BuildParameters parameters) : IEncodingVisitor<IProbe>
    {
        public IProbe Visit<TList, TDma>() where TList : struct, IRangeList<TList> where TDma : struct, IDmaList<TDma, TList> => new Probe<TList>(parameters);
    }

    /// <summary>One encoding's build, with its own counting allocator; once refused, it ignores further batches.</summary>
    sealed class Probe<TList> : IProbe where TList : struct, IRangeList<TList>
    {
        readonly KernelAllocator _allocator = new(counting: true);
        TList _list;
        Refusal? _refusal;

        public Probe(BuildParameters parameters) => _list = TList.Create(_allocator, parameters);

        public void Append(ReadOnlySpan<PinnedPage> batch, ulong leftPages)
        {
            if (_refusal is null && !_list.TryAppend(batch, leftPages, out Refusal refusal))
                _refusal = refusal;
        }

        public DensityResult Result(PageList list) =>
            new(TList.Name, list.Name, list.LengthBytes, list.Pages, _refusal is null ? _list.Footprint : null, _refusal);

        public void Dispose()
        {
            _list.Dispose();
            _allocator.Dispose();
        }
    }
}
