using System.Data.Common;
using System.Text.Json;

namespace EconomySim.History;

/// <summary>A run's parameter values as the registry keeps them: JSON by scenario key, exact doubles.</summary>
internal static class DesignColumns
{
    public static string? Write(IReadOnlyDictionary<string, double>? parameters) =>
        parameters is null ? null : JsonSerializer.Serialize(parameters);

    public static IReadOnlyDictionary<string, double>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool Has(DbDataReader reader, string column)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), column, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
