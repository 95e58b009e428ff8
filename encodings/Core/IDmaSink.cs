namespace BenchSuite.Encodings;

/// <summary>
/// Where a mapper puts the segments it makes, in address order of the data: a DMA output being filled, or a
/// consumer (PRP list, SGL, MR) reading them as they come. Implementations are structs so each mapper loop is
/// compiled for its sink. A sink that cannot take a segment remembers why and ignores the rest.
/// </summary>
public interface IDmaSink
{
    void Add(in DmaSegment segment);
}
