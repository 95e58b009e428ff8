using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;

namespace BenchSuite.Tests.Dma;

/// <summary>What one encoding's mapping gave: its output's entry count and footprint, the check's verdict, or the refusal.</summary>
public sealed record MappingOutcome(string Encoding, long Entries, long Segments, Refusal? Refusal, string? Error, Footprint Output = default);

/// <summary>
/// Builds one encoding from a page list, maps it with a mapper, hands the result to a <see cref="DmaCheck"/>,
/// unmaps, and reports what happened, including whether the page table, IOVA allocator and allocator came back empty.
/// </summary>
public sealed class MappingHarness(PinnedPage[] pages, BuildParameters parameters, DmaMapper mapper) : IEncodingVisitor<MappingOutcome>
{
    public MappingOutcome Visit<TList, TDma>()
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
    {
        using var allocator = new KernelAllocator();
        if (!RangeListBuilder.TryBuild(allocator, parameters, pages, out TList list, out Refusal buildRefusal))
            return new MappingOutcome(TList.Name, 0, 0, buildRefusal, null);
        var check = new DmaCheck(pages, parameters, mapper, TDma.MaxSegmentBytes);
        DmaCheck.Sink sink = check.AsSink();
        var output = TDma.Create(allocator, list, mapper.IsIdentity);
        string? error = null;
        long entries = 0;
        try
        {
            if (!DmaPipeline.TryMapAndConsume(mapper, list, ref output, ref sink, out DmaMapping mapping, out Refusal refusal))
                return new MappingOutcome(TList.Name, 0, 0, refusal, null);
            entries = TDma.StoresSegments && !mapping.InState ? output.Entries : mapping.Segments;
            if (!check.Complete)
                error = check.Error ?? "the segments stopped before the end of the buffer";
            else if (mapping.Segments != check.Segments && TDma.StoresSegments && !TDma.OutputTraits.HasFlag(DmaOutputTraits.PerPage))
                error = $"mapper made {mapping.Segments} segments, the output gave back {check.Segments}";
            mapper.Unmap(mapping);
            if (mapper.PageTable is { PresentLeaves: > 0 } table)
                error ??= $"{table.PresentLeaves} IO page table entries left after unmap";
            if (mapper.Iova is { Live: > 0 })
                error ??= "IOVA still allocated after unmap";
            return new MappingOutcome(TList.Name, entries, mapping.Segments, null, error, mapping.Stored(output.Footprint));
        }
        finally
        {
            output.Dispose();
            list.Dispose();
            if (allocator.Outstanding != 0)
                throw new InvalidOperationException($"{TList.Name}: {allocator.Outstanding} allocations outstanding after dispose");
        }
    }
}
