using System.Text.Json;

namespace BenchSuite.Reports.Results;

/// <summary>
/// One DMA mapper's output for a density row (DESIGN.md §5): segments the device was given, entries the output
/// stores, and what it adds in bytes (header plus rounded allocations; in-place and identity outputs add none); for
/// mappers with an IOMMU, what the mapping wrote to the IO page table (map calls, leaf entries, walks from the root) and
/// the IOTLB syncs it asked for.
/// Unsupported outputs carry the reason and null numbers.
/// </summary>
public sealed record DmaDensity(string Mapper, long? Segments, long? Entries, long? AllocatedBytes, double? BytesPerPage, bool Supported, string? Reason,
    long? MapCalls = null, long? PtesWritten = null, long? PageTableWalks = null, long? Syncs = null);

/// <summary>
/// One encoding × page list in <c>density.json</c> (DESIGN.md §5). Unsupported rows carry the reason, never zeros that
/// look measured. <see cref="AllocatedBytes"/> is the whole footprint (header and rounded allocations);
/// <see cref="LargestAllocationBytes"/> the largest single allocation, which says whether a list needs vmalloc;
/// <see cref="OwnerChanges"/> the page list's RAM/BAR transitions (pages of another owner than the page before).
/// </summary>
public sealed record DensityRow(
    string Encoding,
    string Scenario,
    ulong PinnedBytes,
    ulong Pages,
    long? Entries,
    long? PayloadBytes,
    long? AllocatedBytes,
    long? Allocations,
    double? BytesPerPage,
    bool Supported,
    string? Reason,
    IReadOnlyList<DmaDensity> Dma,
    long? LargestAllocationBytes = null,
    long? OwnerChanges = null);

/// <summary>Reads and writes <c>density.json</c> (schema <c>benchsuite.density/v1</c>).</summary>
public static class DensityFile
{
    public const string Schema = "benchsuite.density/v1";
    public const string FileName = "density.json";

    sealed record Document(string Schema, IReadOnlyList<DensityRow> Rows);

    public static string Serialize(IReadOnlyList<DensityRow> rows) => JsonSerializer.Serialize(new Document(Schema, rows), ResultsJson.Options);

    public static IReadOnlyList<DensityRow> Deserialize(string json, string source = FileName) =>
        ResultsJson.Parse<Document>(json, source, Schema, d => d.Schema).Rows;
}
