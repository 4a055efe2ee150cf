using System.Text.Json;
using EconomySim.Scenarios.Binding;
using EconomySim.Testing;
using NJsonSchema;

namespace EconomySim.Scenarios.Tests;

/// <summary>The JSON Schema editors use and the loader judge files alike.</summary>
public sealed class SchemaTests : IDisposable
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(Repository.Schema)).GetAwaiter().GetResult());
    private static readonly string England = File.ReadAllText(Repository.Config("england.yaml"));
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public static TheoryData<string> Files => Repository.ScenarioFileNames();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_config_as_written_validates_against_the_schema(string file)
    {
        var errors = Schema.Value.Validate(ScenarioJson.FromYamlFile(Repository.Config(file), resolveExtends: false));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_config_with_its_bases_merged_validates_against_the_schema(string file)
    {
        var errors = Schema.Value.Validate(ScenarioJson.FromYamlFile(Repository.Config(file)));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.ToString())));
    }

    [Theory]
    [InlineData("pace_of_change: 0.25", "pace_of_change: 0.25\n  pace_of_chnage: 0.3", "funder.pace_of_chnage", "NoAdditionalPropertiesAllowed")]
    [InlineData("\nfunder:", "\nfundr: {}\nfunder:", "fundr", "NoAdditionalPropertiesAllowed")]
    [InlineData("pace_of_change: 0.25", "pace_of_change: 1.5", "funder.pace_of_change", "NumberTooBig")]
    [InlineData("elective_price_gbp: 1_600", "elective_price_gbp: 0", "contracts.elective_price_gbp", "NumberTooSmall")]
    [InlineData("years: 10", "years: 51", "scenario.years", "NumberTooBig")]
    [InlineData("years: 10", "years: 2.5", "scenario.years", "IntegerExpected")]
    [InlineData("pace_of_change: 0.25", "pace_of_change: \"0.25\"", "funder.pace_of_change", "NumberExpected")]
    [InlineData("acute_payment: blended", "acute_payment: blend", "contracts.acute_payment", "NotInEnumeration")]
    [InlineData("bailout: per_trust", "bailout: always", "governance.bailout", "NotInEnumeration")]
    [InlineData("name: england  ", "name: England!", "scenario.name", "PatternMismatch")]
    [InlineData("  market_forces_factor: 1.12", "  market_forces_factor: 3", "organisations.regions[4].market_forces_factor", "NumberTooBig")]
    public void A_file_the_loader_refuses_for_a_key_the_schema_refuses_too(string good, string bad, string key, string schemaError)
    {
        var path = _dir.Write("bad.yaml", England.Replace(good, bad, StringComparison.Ordinal));
        Assert.NotEqual(England, File.ReadAllText(path));

        var loaderError = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Contains(loaderError.Errors, e => e.Key == key);

        var errors = Flatten(Schema.Value.Validate(ScenarioJson.FromYamlFile(path))).ToList();
        Assert.Contains(errors, e => e.Kind.ToString() == schemaError);
    }

    [Fact]
    public void A_file_missing_a_required_key_is_refused_by_both_unless_it_extends_another()
    {
        var line = England.Split('\n').Single(l => l.TrimStart().StartsWith("pace_of_change:", StringComparison.Ordinal));
        var path = _dir.Write("missing.yaml", England.Replace(line + "\n", "", StringComparison.Ordinal));

        Assert.Contains(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)).Errors, e => e.Key == "funder.pace_of_change");
        Assert.NotEmpty(Schema.Value.Validate(ScenarioJson.FromYamlFile(path)));

        // A partial file that extends a complete one is complete once merged, for both.
        _dir.Write("base.yaml", England);
        var child = _dir.Write("child.yaml", "extends: base.yaml\nfunder:\n  pace_of_change: 0.4\n");
        Assert.Empty(Schema.Value.Validate(ScenarioJson.FromYamlFile(child, resolveExtends: false)));
        Assert.Equal(0.4, ScenarioLoader.Load(child).Parameters.Funder.PaceOfChange);
    }

    [Fact]
    public void The_schema_has_exactly_the_loaders_keys_with_the_same_types_ranges_and_allowed_values()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repository.Schema));
        var root = doc.RootElement;
        Assert.Equal("http://json-schema.org/draft-07/schema#", root.GetProperty("$schema").GetString());
        var complete = root.GetProperty("definitions").GetProperty("complete");

        var problems = new List<string>();
        Compare(ScenarioBinder.Catalogue(), root, complete, "", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <param name="required">Where the "required" lists live: the "complete" definition (a file without extends must be whole) or the schema itself (list items).</param>
    private static void Compare(IReadOnlyList<KeySpec> specs, JsonElement schema, JsonElement? required, string path, List<string> problems)
    {
        if (!schema.TryGetProperty("additionalProperties", out var ap) || ap.ValueKind != JsonValueKind.False)
            problems.Add($"{path}: additionalProperties must be false");
        var properties = schema.GetProperty("properties");
        var schemaKeys = properties.EnumerateObject().Select(p => p.Name).ToList();
        var loaderKeys = specs.Select(s => s.Key).ToList();
        foreach (var extra in schemaKeys.Except(loaderKeys)) problems.Add($"{path}{extra}: in the schema but not read by the loader");
        foreach (var missing in loaderKeys.Except(schemaKeys)) problems.Add($"{path}{missing}: read by the loader but not in the schema");
        if (!schemaKeys.SequenceEqual(loaderKeys.Intersect(schemaKeys))) problems.Add($"{path}: keys in a different order from the loader's");

        var requiredKeys = required is { } r && r.TryGetProperty("required", out var list)
            ? list.EnumerateArray().Select(x => x.GetString()!).ToHashSet()
            : [];
        foreach (var spec in specs)
        {
            if (!properties.TryGetProperty(spec.Key, out var p)) continue;
            var where = path + spec.Key;
            if (!p.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString()))
                problems.Add($"{where}: no description");
            if (spec.Required != requiredKeys.Contains(spec.Key))
                problems.Add($"{where}: required by the loader: {spec.Required}, by the schema: {!spec.Required}");

            var type = p.GetProperty("type").GetString();
            var expectedType = spec.Type switch
            {
                KeyType.Section => "object",
                KeyType.SectionList or KeyType.TextList => "array",
                KeyType.Integer => "integer",
                KeyType.Number or KeyType.Money => "number",
                _ => "string",
            };
            if (type != expectedType) problems.Add($"{where}: type {type}, the loader reads {expectedType}");

            switch (spec.Type)
            {
                case KeyType.Section:
                    var nested = required?.TryGetProperty("properties", out var rp) == true && rp.TryGetProperty(spec.Key, out var rs) ? rs : (JsonElement?)null;
                    Compare(spec.Children, p, nested, where + ".", problems);
                    break;
                case KeyType.SectionList:
                    if (Number(p, "minItems") != spec.Range?.Minimum) problems.Add($"{where}: minItems differs");
                    var items = p.GetProperty("items");
                    Compare(spec.Children, items, items, where + "[].", problems);
                    break;
                case KeyType.TextList:
                    if (p.GetProperty("items").GetProperty("type").GetString() != "string") problems.Add($"{where}: items must be strings");
                    break;
                case KeyType.Choice:
                    var values = p.GetProperty("enum").EnumerateArray().Select(x => x.GetString()).ToList();
                    if (!values.SequenceEqual(spec.Choices!)) problems.Add($"{where}: enum [{string.Join(", ", values)}], the loader allows [{string.Join(", ", spec.Choices!)}]");
                    break;
                case KeyType.Text:
                    var pattern = p.TryGetProperty("pattern", out var pt) ? pt.GetString() : null;
                    if (pattern != spec.Pattern) problems.Add($"{where}: pattern {pattern}, the loader uses {spec.Pattern}");
                    break;
                default:
                    var range = spec.Range!.Value;
                    var minimum = Number(p, range.ExclusiveMinimum ? "exclusiveMinimum" : "minimum");
                    var otherMinimum = Number(p, range.ExclusiveMinimum ? "minimum" : "exclusiveMinimum");
                    if (minimum != range.Minimum || otherMinimum is not null) problems.Add($"{where}: minimum differs from the loader's {range.Describe()}");
                    if (Number(p, "maximum") != range.Maximum) problems.Add($"{where}: maximum differs from the loader's {range.Describe()}");
                    break;
            }
        }
    }

    private static decimal? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    /// <summary>Every validation error, those nested under a failed sub-schema included.</summary>
    internal static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var e in errors)
        {
            yield return e;
            if (e is NJsonSchema.Validation.ChildSchemaValidationError child)
                foreach (var nested in Flatten(child.Errors.SelectMany(x => x.Value)))
                    yield return nested;
        }
    }
}
