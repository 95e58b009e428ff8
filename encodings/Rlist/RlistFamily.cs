namespace BenchSuite.Encodings.Rlist;

/// <summary>The rlist family as the registry lists it: its knobs and a variant per combination of their values.</summary>
public static class RlistFamily
{
    const int DefaultChunkBytes = 512;

    public static EncodingFamily Family { get; } = new("rlist",
        [new Knob("chunk", ["128", "512", "4096"], DefaultChunkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "bytes per chunk: 512 is the prototype's kmem_cache, 4096 a page from the page allocator")],
        [
            EncodingVariant.Of<RlistList<Chunk512>, RlistDmaList<Chunk512>>(),
            EncodingVariant.Of<RlistList<Chunk128>, RlistDmaList<Chunk128>>(),
            EncodingVariant.Of<RlistList<Chunk4096>, RlistDmaList<Chunk4096>>(),
        ])
    {
        Origin = "prototype, not merged: jgunthorpe/linux rlist, lib/rlist.c (2023)",
    };

    /// <summary>The variant's name: the plain family name for the prototype's chunk, else with its knob.</summary>
    public static string NameOf(int chunkBytes) => chunkBytes == DefaultChunkBytes ? "rlist" : $"rlist@chunk={chunkBytes}";
}
