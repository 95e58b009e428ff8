using BenchSuite.Encodings;

namespace BenchSuite.Workloads.Dma;

/// <summary>
/// Mapping and consuming, whatever the encoding keeps: a stored DMA output is filled and then walked into the
/// consumer; a mapping kept as its <c>dma_iova_state</c> alone gives the window; an encoding that stores none
/// (bio_vec) is mapped while the consumer takes the segments.
/// </summary>
public static class DmaPipeline
{
    public static bool TryMapAndConsume<TList, TDma, TSink>(DmaMapper mapper, TList list, ref TDma output, ref TSink sink,
        out DmaMapping mapping, out Refusal refusal)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
        where TSink : struct, IDmaSink
    {
        if (!TDma.StoresSegments)
        {
            mapping = mapper.MapTo(list, ref sink, TDma.MaxSegmentBytes);
            refusal = Refusal.None;
            return true;
        }
        if (!mapper.TryMap(list, ref output, out mapping, out refusal))
            return false;
        Replay<TList, TDma, TSink>(mapper, mapping, output, ref sink);
        return true;
    }

    /// <summary>The segments of a stored mapping: from its dma_iova_state when that is all the caller keeps, else from the output.</summary>
    public static void Replay<TList, TDma, TSink>(DmaMapper mapper, in DmaMapping mapping, TDma output, ref TSink sink)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
        where TSink : struct, IDmaSink
    {
        if (mapping.InState)
            mapper.ReplayState(mapping, TDma.MaxSegmentBytes, ref sink);
        else
            Replay<TList, TDma, TSink>(output, ref sink);
    }

    /// <summary>Walks a stored DMA output into <paramref name="sink"/>.</summary>
    public static void Replay<TList, TDma, TSink>(TDma output, ref TSink sink)
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>
        where TSink : struct, IDmaSink
    {
        RangeCursor cursor = output.Start();
        while (output.Next(ref cursor, out DmaSegment segment))
            sink.Add(segment);
    }
}
