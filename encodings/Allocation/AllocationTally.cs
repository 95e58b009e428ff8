namespace BenchSuite.Encodings;

/// <summary>What one structure holds from the allocator: counted as it allocates, so footprints come from real calls.</summary>
public struct AllocationTally
{
    public long Allocations;
    public long AllocatedBytes;
    public long LargestAllocationBytes;

    /// <summary>The footprint of a structure holding these allocations besides its header and entries.</summary>
    public readonly Footprint Footprint(long entries, long payloadBytes, long headerBytes) =>
        new(entries, payloadBytes, headerBytes, AllocatedBytes, Allocations, LargestAllocationBytes);
}
