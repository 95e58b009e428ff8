namespace BenchSuite.Encodings.PhysVec;

/// <summary>The physvec family as the registry lists it: no knobs, one variant.</summary>
public static class PhysVecFamily
{
    public static EncodingFamily Family { get; } = new("physvec", [], [EncodingVariant.Of<PhysVecList, DmaVecList>()])
    {
        Origin = "mainline: struct phys_vec with a u32 len in block/blk-merge.c (v6.14) and block/blk-mq-dma.c (v6.16), in include/linux/types.h with a size_t len (v7.0); VFIO's dma-buf export of phys_vec arrays (v6.19); its DMA twin struct dma_vec (v6.11)",
    };
}
