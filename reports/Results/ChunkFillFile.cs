using System.Text.Json;

namespace BenchSuite.Reports.Results;

/// <summary>
/// One encoding's chunks filled with entries of one size (claim C10): the entries, the chunk bytes they took, and
/// the bytes per entry against the figure the source quotes.
/// </summary>
public sealed record ChunkFillRow(string Encoding, string EntryForm, int EntryBytes, long Entries, long ChunkBytes, double BytesPerEntry, double QuotedBytesPerEntry);

/// <summary>Reads and writes <c>chunks.json</c> (schema <c>benchsuite.chunks/v1</c>), which a batch writes beside density.json.</summary>
public static class ChunkFillFile
{
    public const string Schema = "benchsuite.chunks/v1";
    public const string FileName = "chunks.json";

    sealed record Document(string Schema, IReadOnlyList<ChunkFillRow> Rows);

    public static string Serialize(IReadOnlyList<ChunkFillRow> rows) => JsonSerializer.Serialize(new Document(Schema, rows), ResultsJson.Options);

    public static IReadOnlyList<ChunkFillRow> Deserialize(string json, string source = FileName) =>
        ResultsJson.Parse<Document>(json, source, Schema, d => d.Schema).Rows;
}
