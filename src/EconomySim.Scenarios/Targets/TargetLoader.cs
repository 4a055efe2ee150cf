using System.Globalization;
using EconomySim.Domain;
using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Yaml;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Targets;

/// <summary>
/// Reads target files with the scenario machinery (the same YAML tree, key reader and messages), so a mistake in a
/// target file is reported as <c>file:line:col: key.path: what is wrong; what is allowed</c> exactly as in a scenario.
/// </summary>
public static class TargetLoader
{
    public const int FirstYear = 1900;
    public const int LastYear = 2100;
    internal const string IdPattern = "^[a-z][a-z0-9_]{0,63}$";

    private const string YearAllowed = "a year is a whole number between 1900 and 2100, the first calendar year of the financial year (2015 for 2015/16)";
    private const string ValuesAllowed = "a mapping of year to value, e.g. `2015: 3_700_000`, in the metric's display unit (pounds for money, a fraction for a share)";

    /// <exception cref="ScenarioException">Anything wrong with the file, located by file, line and key; every problem found is in <see cref="ScenarioException.Errors"/>.</exception>
    public static TargetSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Trim().Length == 0)
            throw new ScenarioException(new ScenarioError("(no file)", 0, 0, null, "no targets file was given", "name a .yaml targets file"));
        var source = Read(path);
        var context = new BindContext();
        var (geography, description, series) = Bind(SectionReader.ForDocument(context, source.Root));
        if (context.Errors.Count > 0) throw new ScenarioException(InOrder(context.Errors));
        return new TargetSet(path, geography, description, series.Select(s => s.Series!).ToList());
    }

    /// <summary>The file as a tree; the reader's advice for a file that holds no mapping speaks of scenarios, so it is said here for targets.</summary>
    private static ResolvedSource Read(string path)
    {
        try
        {
            return ScenarioSource.Resolve(path, mergeBases: false);
        }
        catch (ScenarioException e) when (e.Errors is [var only] && only.Allowed.StartsWith("a scenario file is", StringComparison.Ordinal))
        {
            throw new ScenarioException(only with { Allowed = "a targets file is a mapping with geography, description and series" });
        }
    }

    /// <summary>The keys a target file may hold, recorded by binding no document (the schema test compares them with targets.schema.json).</summary>
    internal static IReadOnlyList<KeySpec> Catalogue()
    {
        var reader = SectionReader.ForCatalogue();
        Bind(reader);
        return reader.Specs;
    }

    private static (string Geography, string Description, IReadOnlyList<RawSeries> Series) Bind(SectionReader r)
    {
        var geography = r.Text("geography", meaning: "the area the targets describe, e.g. England");
        var description = r.Text("description", required: false);
        var series = r.SectionList("series", ReadSeries, minimumItems: 1);
        r.Finish();
        if (r.Context is { } context)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < series.Count; i++)
            {
                var (id, reader) = (series[i].Id, series[i].Reader);
                if (id.Length == 0) continue;
                var line = reader.LocationOf("id").Line;
                if (seen.TryGetValue(id, out var first))
                    context.Add(reader.LocationOf("id"), $"series[{i}].id", $"the series id `{id}` is used twice (first at line {first})", "give each series its own id");
                else seen[id] = line;
            }
        }
        return (geography, description, series);
    }

    /// <summary>A series as read; <see cref="Series"/> is null when the item had errors.</summary>
    private sealed record RawSeries(string Id, SectionReader Reader, TargetSeries? Series);

    private static RawSeries ReadSeries(SectionReader s)
    {
        var id = s.Text("id", pattern: IdPattern, meaning: "must be 1-64 lower-case letters, digits and underscores, starting with a letter (snake_case), unique in the file");
        var metricName = s.Text("metric", meaning: "the name of a model outcome, e.g. waiting_list (the metric catalogue in docs/MODEL.md, or the keys of `economysim run --json`'s outcomes)");
        var measures = s.Text("measures", meaning: "what the published figure counts, in words");
        var unit = s.Text("unit", meaning: "the unit of the published figure, e.g. patient, GBP, share");
        var source = s.Section("source", src => new TargetSource(
            src.Text("publisher"),
            src.Text("series", meaning: "the name of the published series"),
            src.Text("release", meaning: "which release the values were taken from (a date or edition)"),
            NullIfEmpty(src.Text("url", required: false))));
        var tolerance = s.Section("tolerance", ReadTolerance, required: false);
        var values = ReadValues(s);
        var notes = NullIfEmpty(s.Text("notes", required: false));

        Metric? metric = null;
        if (metricName.Length > 0)
        {
            var names = MetricCatalogue.All.Select(m => m.Name).ToList();
            if (MetricCatalogue.Find(metricName) is { } info) metric = info.Metric;
            else s.Fail("metric", $"unknown metric `{metricName}`{SectionReader.Suggest(metricName, names)}", $"allowed metrics: {string.Join(", ", names)}");
        }
        var bad = s.Context is null || new[] { "id", "metric", "measures", "unit", "source", "tolerance", "values", "notes" }.Any(s.IsBad);
        return new RawSeries(id, s, bad || metric is null || values is null ? null
            : new TargetSeries(id, metric.Value, measures, unit, source, tolerance, values, notes));
    }

    private static Tolerance? ReadTolerance(SectionReader t)
    {
        var relative = t.Decimal("relative", AtLeast(0), 0m);
        var absolute = t.Decimal("absolute", AtLeast(0), 0m);
        var hasRelative = t.Has("relative");
        if (hasRelative == t.Has("absolute"))
        {
            t.FailSection(hasRelative ? "gives both `relative:` and `absolute:`" : "gives neither `relative:` nor `absolute:`",
                "write exactly one: `relative: 0.10` (a share of the target) or `absolute: 0.05` (in the metric's display unit); leave `tolerance:` out to report the series without judging it");
            return null;
        }
        return hasRelative ? new Tolerance(ToleranceKind.Relative, relative) : new Tolerance(ToleranceKind.Absolute, absolute);
    }

    /// <summary>The values by year, or null when any of them is wrong (each wrong year or value is reported at its line).</summary>
    private static SortedDictionary<int, decimal>? ReadValues(SectionReader s)
    {
        var map = s.Mapping("values", required: true, ValuesAllowed);
        if (map is null || s.Context is not { } context) return null;
        if (map.Entries.Count == 0)
        {
            s.Fail("values", "has no years", ValuesAllowed);
            return null;
        }
        var values = new SortedDictionary<int, decimal>();
        var errors = context.Errors.Count;
        foreach (var entry in map.Entries)
        {
            var key = s.PathOf($"values.{entry.Key}");
            var isYear = int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear;
            if (!isYear) context.Add(entry.KeyAt, key, $"`{entry.Key}` is not a year", YearAllowed);
            var value = entry.Value is TreeScalar { Kind: ScalarKind.Number } number ? number.AsDecimal() : null;
            if (value is null)
                context.Add(entry.Value.At, key, $"expected a number but found {entry.Value.Describe()}",
                    "a value is a plain number in the metric's display unit (pounds for money, a fraction for a share), e.g. 3_700_000 or 0.85; quoted numbers are text");
            if (isYear && value is not null && !values.TryAdd(year, value.Value))
                context.Add(entry.KeyAt, key, $"the year {year} is given twice", "give each year once");
        }
        return context.Errors.Count == errors ? values : null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static List<ScenarioError> InOrder(List<ScenarioError> errors) =>
        errors.Select((e, i) => (e, i)).OrderBy(x => x.e.Line).ThenBy(x => x.e.Column).ThenBy(x => x.i).Select(x => x.e).ToList();
}
