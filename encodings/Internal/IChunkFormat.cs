namespace BenchSuite.Encodings.Internal;

/// <summary>How one entry format lays out and links page-sized chunks of fixed slots.</summary>
internal unsafe interface IChunkFormat
{
    static abstract int SlotBytes { get; }

    /// <summary>Prepares a fresh chunk (scatterlist: <c>sg_init_table</c>, zero and END on the last slot).</summary>
    static abstract void InitChunk(byte* chunk, int slots);

    /// <summary>Turns <paramref name="slot"/> into a link to <paramref name="next"/> (scatterlist: <c>__sg_chain</c>).</summary>
    static abstract void WriteChain(byte* slot, byte* next);

    static abstract byte* ChainTarget(byte* slot);
}
