using System.Text.Json;
using EconomySim.Domain;

namespace EconomySim.Scenarios.Tests;

/// <summary>
/// A definition as text, every organisation serialised as its own runtime type (a list of the abstract profile would
/// otherwise lose the subtype's fields), so two definitions are equal exactly when their texts are.
/// </summary>
internal static class Canonical
{
    public static string Of(EconomyDefinition d)
    {
        var options = new JsonSerializerOptions { WriteIndented = false };
        var lines = new List<string>
        {
            d.ScenarioName,
            JsonSerializer.Serialize(d.Parameters, options),
        };
        lines.AddRange(d.Organisations.Select(o => $"{o.Kind}:{JsonSerializer.Serialize(o, o.GetType(), options)}"));
        return string.Join('\n', lines);
    }
}
