using BenchSuite.Encodings.BioVec;
using BenchSuite.Encodings.Order8;
using BenchSuite.Encodings.PageArray;
using BenchSuite.Encodings.Phyr16;
using BenchSuite.Encodings.Rlist;
using BenchSuite.Encodings.Scatterlist;

namespace BenchSuite.Encodings;

/// <summary>
/// Code that runs once per encoding, generic so each call is compiled for that encoding's structs: the list and
/// its DMA result. The catalog turns a name from the command line into a call of <see cref="Visit{TList, TDma}"/>.
/// </summary>
public interface IEncodingVisitor<out TResult>
{
    TResult Visit<TList, TDma>()
        where TList : struct, IRangeList<TList>
        where TDma : struct, IDmaList<TDma, TList>;
}

/// <summary>Every encoding under test, in report order, addressable by name.</summary>
public static class EncodingCatalog
{
    public static IReadOnlyList<string> Names { get; } =
        [SgTable.Name, Phyr16List.Name, Order8List.Name, RlistList.Name, PageArrayList.Name, BioChain.Name];

    public static bool Contains(string name) => Names.Contains(name);

    public static TResult Visit<TResult>(string name, IEncodingVisitor<TResult> visitor) => name switch
    {
        "scatterlist" => visitor.Visit<SgTable, SgDmaInPlace>(),
        "phyr16" => visitor.Visit<Phyr16List, DmaRangeList>(),
        "order8" => visitor.Visit<Order8List, Order8DmaList>(),
        "rlist" => visitor.Visit<RlistList, RlistDmaList>(),
        "pagearray" => visitor.Visit<PageArrayList, HmmDmaMap>(),
        "biovec" => visitor.Visit<BioChain, NoDmaList>(),
        _ => throw new ArgumentException($"unknown encoding '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };

    public static string Description(string name) => Visit(name, new DescriptionVisitor());

    sealed class DescriptionVisitor : IEncodingVisitor<string>
    {
        public string Visit<TList, TDma>()
            where TList : struct, IRangeList<TList>
            where TDma : struct, IDmaList<TDma, TList> => TList.Description;
    }
}
