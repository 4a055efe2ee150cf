using System.Text.Json;
using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Targets;
using EconomySim.Testing;
using NJsonSchema;

namespace EconomySim.Scenarios.Tests;

/// <summary>configs/targets/targets.schema.json and the target loader judge files alike.</summary>
public sealed class TargetSchemaTests : IDisposable
{
    private static readonly string SchemaPath = Repository.Config(Path.Combine("targets", "targets.schema.json"));
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath)).GetAwaiter().GetResult());
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_valid_targets_file_validates_against_the_schema()
    {
        var path = _dir.Write("targets.yaml", TargetLoaderTests.Valid);
        TargetLoader.Load(path);
        var errors = Schema.Value.Validate(ScenarioJson.FromYamlFile(path, resolveExtends: false));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Fact]
    public void Every_targets_file_in_configs_loads_and_validates_against_the_schema()
    {
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(SchemaPath)!, "*.yaml"))
        {
            TargetLoader.Load(file);
            var errors = Schema.Value.Validate(ScenarioJson.FromYamlFile(file, resolveExtends: false));
            Assert.True(errors.Count == 0, $"{file}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }
    }

    [Theory]
    [InlineData("geography: England", "geography: England\nregion: North", "region", "NoAdditionalPropertiesAllowed")]
    [InlineData("    notes: End", "    note: End", "series[0].note", "NoAdditionalPropertiesAllowed")]
    [InlineData("    measures: Registered population\n", "", "series[1].measures", "PropertyRequired")]
    [InlineData("id: ae_all_types", "id: AE-all", "series[3].id", "PatternMismatch")]
    [InlineData("      relative: 0.10", "      relative: 0.10\n      absolute: 5", "series[0].tolerance", "NotOneOf")]
    [InlineData("    tolerance:\n      absolute: 500_000", "    tolerance: {}", "series[1].tolerance", "NotOneOf")]
    [InlineData("relative: 0.10", "relative: -0.1", "series[0].tolerance.relative", "NumberTooSmall")]
    [InlineData("      2015: 3_700_000", "      1850: 3_700_000", "series[0].values.1850", "NoAdditionalPropertiesAllowed")]
    [InlineData("      2016: 3_900_000", "      2016: \"3900000\"", "series[0].values.2016", "NumberExpected")]
    public void A_file_the_loader_refuses_for_a_key_the_schema_refuses_too(string good, string bad, string key, string schemaError)
    {
        var text = TargetLoaderTests.Valid.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(TargetLoaderTests.Valid, text);
        var path = _dir.Write("bad.yaml", text);

        Assert.Contains(Assert.Throws<ScenarioException>(() => TargetLoader.Load(path)).Errors, e => e.Key == key);
        var errors = SchemaTests.Flatten(Schema.Value.Validate(ScenarioJson.FromYamlFile(path, resolveExtends: false))).ToList();
        Assert.Contains(errors, e => e.Kind.ToString() == schemaError);
    }

    [Fact]
    public void The_schema_has_exactly_the_loaders_keys_in_order_with_the_same_types_required_keys_and_patterns()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        Assert.Equal("http://json-schema.org/draft-07/schema#", doc.RootElement.GetProperty("$schema").GetString());
        var problems = new List<string>();
        Compare(TargetLoader.Catalogue(), doc.RootElement, "", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Compare(IReadOnlyList<KeySpec> specs, JsonElement schema, string path, List<string> problems)
    {
        if (!schema.TryGetProperty("additionalProperties", out var ap) || ap.ValueKind != JsonValueKind.False)
            problems.Add($"{path}: additionalProperties must be false");
        var properties = schema.GetProperty("properties");
        var schemaKeys = properties.EnumerateObject().Select(p => p.Name).ToList();
        var loaderKeys = specs.Select(s => s.Key).ToList();
        if (!schemaKeys.SequenceEqual(loaderKeys)) problems.Add($"{path}: schema keys [{string.Join(", ", schemaKeys)}], loader keys [{string.Join(", ", loaderKeys)}]");
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        foreach (var spec in specs)
        {
            if (!properties.TryGetProperty(spec.Key, out var p)) continue;
            var where = path + spec.Key;
            if (!p.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString())) problems.Add($"{where}: no description");
            if (spec.Required != required.Contains(spec.Key)) problems.Add($"{where}: required by the loader: {spec.Required}, by the schema: {!spec.Required}");
            var type = p.GetProperty("type").GetString();
            var expected = spec.Type switch
            {
                KeyType.Section => "object",
                KeyType.SectionList => "array",
                KeyType.Number => "number",
                _ => "string",
            };
            if (type != expected) problems.Add($"{where}: type {type}, the loader reads {expected}");
            switch (spec.Type)
            {
                // `values` has years for keys, which the loader reads itself: a mapping with no named keys.
                case KeyType.Section when spec.Children.Count == 0:
                    if (!p.TryGetProperty("patternProperties", out _)) problems.Add($"{where}: years are keys: give patternProperties");
                    break;
                case KeyType.Section:
                    Compare(spec.Children, p, where + ".", problems);
                    break;
                case KeyType.SectionList:
                    if (p.GetProperty("minItems").GetDecimal() != spec.Range?.Minimum) problems.Add($"{where}: minItems differs");
                    Compare(spec.Children, p.GetProperty("items"), where + "[].", problems);
                    break;
                case KeyType.Number:
                    if (!p.TryGetProperty("minimum", out var min) || min.GetDecimal() != spec.Range?.Minimum) problems.Add($"{where}: minimum differs from the loader's {spec.Range?.Describe()}");
                    break;
                case KeyType.Text when spec.Pattern is not null:
                    if ((p.TryGetProperty("pattern", out var pt) ? pt.GetString() : null) != spec.Pattern) problems.Add($"{where}: pattern differs from the loader's {spec.Pattern}");
                    break;
            }
        }
    }
}
