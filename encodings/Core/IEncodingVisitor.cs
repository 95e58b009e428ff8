namespace BenchSuite.Encodings;

/// <summary>
/// Code that runs once per encoding, generic so each call is compiled for that encoding's structs: the list and
/// its DMA result. The registry turns a name from the command line into a call of <see cref="Visit{TList, TDma}"/>.
/// </summary>
public interface IEncodingVisitor<out TResult>
{
    TResult Visit<TList, TDma>()
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>;
}
