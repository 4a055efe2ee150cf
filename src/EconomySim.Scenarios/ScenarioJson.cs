using System.Text;
using System.Text.Json;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios;

/// <summary>
/// A scenario file as JSON, for JSON Schema validation and for tools that do not read YAML. Values are typed exactly as
/// the loader types them (plain <c>127_000_000_000</c> is a number, quoted <c>"5"</c> is text), so the schema and the
/// loader judge the same document.
/// </summary>
public static class ScenarioJson
{
    /// <param name="resolveExtends">True: the scenario as the loader sees it, bases merged in and <c>extends</c> gone. False: the file alone.</param>
    /// <exception cref="ScenarioException">The file is missing, unreadable or not YAML.</exception>
    public static string FromYamlFile(string path, bool resolveExtends = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = ScenarioSource.Resolve(path, mergeBases: resolveExtends);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(writer, source.Root);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, TreeNode node)
    {
        switch (node)
        {
            case TreeMap map:
                w.WriteStartObject();
                foreach (var e in map.Entries)
                {
                    w.WritePropertyName(e.Key);
                    Write(w, e.Value);
                }
                w.WriteEndObject();
                break;
            case TreeList list:
                w.WriteStartArray();
                foreach (var item in list.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case TreeScalar s:
                switch (s.Kind)
                {
                    case ScalarKind.Null: w.WriteNullValue(); break;
                    case ScalarKind.Boolean: w.WriteBooleanValue(s.Value is "true" or "True" or "TRUE"); break;
                    case ScalarKind.Number when s.AsDecimal() is { } d: w.WriteNumberValue(d); break;
                    case ScalarKind.Number when double.IsFinite(s.AsDouble()): w.WriteNumberValue(s.AsDouble()); break;
                    default: w.WriteStringValue(s.Value); break;
                }
                break;
        }
    }
}
