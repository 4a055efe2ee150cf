using EconomySim.Domain;
using EconomySim.Scenarios.Binding;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Experiments;

/// <summary>An expectation as written, before its metric, year and variants are checked against the experiment.</summary>
internal sealed record RawExpectation(string Metric, int? Year, string? Lower, string? Higher, string Than, SectionReader Reader);

/// <summary>Reads the <c>expect:</c> list of an experiment file and checks each clause against its metrics, years and variants.</summary>
internal static class ExpectationReader
{
    public static IReadOnlyList<RawExpectation> ReadRaw(SectionReader r) =>
        r.SectionList("expect", e => new RawExpectation(
            Metric: e.Text("metric", meaning: "the name of an outcome, e.g. waiting_list (see the metric catalogue in docs/MODEL.md)"),
            Year: NullIfZero(e.Integer("year", Between(1948, 2100), 0)),
            Lower: NullIfEmpty(e.Text("lower", required: false)),
            Higher: NullIfEmpty(e.Text("higher", required: false)),
            Than: e.Text("than", meaning: "the name of the variant compared against"),
            Reader: e), minimumItems: 0);

    public static List<Expectation> Check(BindContext context, IReadOnlyList<RawExpectation> rawExpectations, IReadOnlyList<string> names, int startYear, int runYears)
    {
        var expectations = new List<Expectation>();
        for (var i = 0; i < rawExpectations.Count; i++)
        {
            var (metric, year, lower, higher, than, reader) = rawExpectations[i];
            var path2 = $"expect[{i}]";
            if (MetricCatalogue.Find(metric) is null)
                context.Add(reader.LocationOf("metric"), $"{path2}.metric", $"unknown metric `{metric}`{SectionReader.Suggest(metric, MetricCatalogue.All.Select(m => m.Name).ToList())}",
                    $"allowed metrics: {string.Join(", ", MetricCatalogue.All.Select(m => m.Name))}");
            if (year is { } y && (y < startYear || y >= startYear + runYears))
                context.Add(reader.LocationOf("year"), $"{path2}.year", $"{y} is not a year of the runs",
                    $"a year from {startYear} to {startYear + runYears - 1} (the base scenario's start_year and the experiment's years), or leave year out for the whole run");
            if ((lower is null) == (higher is null))
            {
                context.Add(reader.LocationOf(lower is null ? "metric" : "higher"), path2, lower is null ? "says neither `lower:` nor `higher:`" : "says both `lower:` and `higher:`",
                    "write exactly one of `lower: VARIANT` or `higher: VARIANT`, and `than: OTHER_VARIANT`");
                continue;
            }
            var variant = (lower ?? higher)!;
            var variantKey = lower is null ? "higher" : "lower";
            var known = CheckVariant(context, reader, variantKey, variant, names, path2) & CheckVariant(context, reader, "than", than, names, path2);
            if (known && variant == than)
                context.Add(reader.LocationOf("than"), $"{path2}.than", $"compares `{than}` with itself", "name two different variants");
            expectations.Add(new Expectation(metric, year, lower is null ? ExpectedDirection.Higher : ExpectedDirection.Lower, variant, than, reader.LocationOf("metric").Line));
        }
        return expectations;
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool CheckVariant(BindContext context, SectionReader reader, string key, string variant, IReadOnlyList<string> names, string path)
    {
        if (names.Contains(variant)) return true;
        context.Add(reader.LocationOf(key), $"{path}.{key}", $"unknown variant `{variant}`{SectionReader.Suggest(variant, names)}",
            $"variants in this file: {string.Join(", ", names)}");
        return false;
    }
}
