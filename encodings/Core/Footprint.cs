namespace BenchSuite.Encodings;

/// <summary>
/// Memory a built list holds: its header struct plus every allocation, rounded as the kernel allocator rounds it.
/// <see cref="PayloadBytes"/> counts only entry bytes in use (data entries, extension words), not chain slots or slack.
/// </summary>
public readonly record struct Footprint(
    long Entries,
    long PayloadBytes,
    long HeaderBytes,
    long AllocatedBytes,
    long Allocations,
    long LargestAllocationBytes)
{
    /// <summary>Header plus rounded allocations: what the list costs to keep.</summary>
    public long TotalBytes => HeaderBytes + AllocatedBytes;

    public double BytesPerPage(ulong pages) => pages == 0 ? 0 : (double)TotalBytes / pages;
}
