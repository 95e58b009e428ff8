namespace BenchSuite.Encodings;

/// <summary>What one structure holds from the allocator: counted as it allocates, so footprints come from real calls.</summary>
public struct AllocationTally
{
    public long Allocations;
    public long AllocatedBytes;
    public long LargestAllocationBytes;
}
