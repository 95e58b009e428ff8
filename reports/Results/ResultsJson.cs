using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchSuite.Reports.Results;

/// <summary>The JSON conventions of every file BenchSuite writes (camelCase, indented, nulls kept so "n/a" stays visible).</summary>
public static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // A hand-edited file with a field missing, or null where the format has none, is refused as a whole (one
        // line naming the file), not read into a record that fails later with a stack trace.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads a document of <paramref name="schema"/>; a missing, corrupt or foreign file is one clear error naming it.</summary>
    public static T Read<T>(string path, string schema, Func<T, string?> schemaOf) where T : class =>
        Parse(File.Exists(path) ? File.ReadAllText(path) : throw new InvalidDataException($"{path}: not found"), path, schema, schemaOf);

    public static T Parse<T>(string json, string source, string schema, Func<T, string?> schemaOf) where T : class
    {
        T? document;
        try
        {
            document = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a {schema} file: {e.Message}");
        }
        if (document is null || schemaOf(document) != schema)
            throw new InvalidDataException($"{source}: schema '{(document is null ? null : schemaOf(document))}' is not {schema}");
        return document;
    }
}
