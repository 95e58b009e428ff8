using BenchSuite.Bench.Benchmarks.Build;
using BenchSuite.Bench.Benchmarks.Consume;
using BenchSuite.Bench.Benchmarks.DmaMap;
using BenchSuite.Bench.Benchmarks.Floor;
using BenchSuite.Bench.Benchmarks.Iterate;
using BenchSuite.Bench.Benchmarks.IteratePages;
using BenchSuite.Bench.Benchmarks.Seek;
using BenchSuite.Bench.Benchmarks.Unpin;
using BenchSuite.Encodings;
using BenchSuite.Workloads.Dma;
using BenchSuite.Workloads.Dma.Consumers;

namespace BenchSuite.Bench.Batch;

/// <summary>
/// One timed operation of the batch: a benchmark class, and for DmaMap and Consume the mapper or consumer it is
/// given. <see cref="Id"/> (<c>Iterate</c>, <c>DmaMap:iommu</c>, <c>Consume:nvme-prp</c>) is permanent: batch
/// comparisons match cases on it.
/// </summary>
public sealed record BatchOperation(string Name, string? Variant, string Unit, string Description)
{
    public const string PerPage = "page";
    public const string PerSeek = "seek";

    public string Id => Variant is null ? Name : $"{Name}:{Variant}";

    /// <summary>The benchmark property that takes <see cref="Variant"/>, if any.</summary>
    public string? VariantParameter => Name switch
    {
        "DmaMap" => "Mapper",
        "Consume" => "Consumer",
        _ => null,
    };

    /// <summary>Logical units one invocation performs on a list of <paramref name="pages"/> pages (BenchmarkDotNet's OperationsPerInvoke).</summary>
    public long UnitsPerInvocation(ulong pages) => Unit == PerSeek ? SeekOffsets.Count : (long)pages;

    /// <summary>The benchmark class closed over <paramref name="encoding"/>'s list and DMA output types.</summary>
    public Type BenchmarkType(string encoding) => EncodingRegistry.Visit(encoding, new TypeOf(Name));

    /// <summary>Every operation, in report order.</summary>
    public static IReadOnlyList<BatchOperation> All { get; } =
    [
        new("Build", null, PerPage, "append the GUP page list in batches of 512, chunk allocation included, then free"),
        new("Iterate", null, PerPage, "walk every range"),
        new("IteratePages", null, PerPage, "walk every page"),
        new("Seek", null, PerSeek, $"find the physical address of {SeekOffsets.Count} random byte offsets; per seek"),
        .. MapperCatalog.All.Select(m => new BatchOperation("DmaMap", m.Name, PerPage, $"map with {m.Name} into the DMA output, then unmap")),
        .. ConsumerCatalog.All.Select(c => new BatchOperation("Consume", c.Name, PerPage, $"build {c.Name} descriptors from the direct-mapped DMA output")),
        new("Unpin", null, PerPage, "unpin every folio against the struct page model"),
        new("Floor", null, PerPage, "sum a plain array of the list's entry bytes: the memory-read floor for Iterate"),
    ];

    public static IEnumerable<string> Ids => All.Select(o => o.Id);

    public static BatchOperation? Find(string id) => All.FirstOrDefault(o => o.Id == id);

    sealed class TypeOf(string operation) : IEncodingVisitor<Type>
    {
        public Type Visit<TList, TDma>()
            where TList : struct, IRangeList<TList>
            where TDma : struct, IDmaList<TDma, TList> => operation switch
        {
            "Build" => typeof(BuildBenchmark<TList>),
            "Iterate" => typeof(IterateBenchmark<TList>),
            "IteratePages" => typeof(IteratePagesBenchmark<TList>),
            "Seek" => typeof(SeekBenchmark<TList>),
            "DmaMap" => typeof(DmaMapBenchmark<TList, TDma>),
            "Consume" => typeof(ConsumeBenchmark<TList, TDma>),
            "Unpin" => typeof(UnpinBenchmark<TList>),
            "Floor" => typeof(FloorBenchmark<TList>),
            _ => throw new ArgumentException($"no benchmark for operation '{operation}'"),
        };
    }
}
