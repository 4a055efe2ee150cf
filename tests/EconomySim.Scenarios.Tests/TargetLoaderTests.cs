using EconomySim.Domain;
using EconomySim.Scenarios.Targets;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>Target files load into series of the metric catalogue, and each kind of mistake is one file:line message naming the key and value.</summary>
public sealed class TargetLoaderTests : IDisposable
{
    internal const string Valid = """
        geography: England
        description: >-
          A few published series, for tests.
        series:
          - id: waiting_list
            metric: waiting_list
            measures: Patients waiting on incomplete RTT pathways at end of March
            unit: patient
            source:
              publisher: NHS England
              series: Consultant-led Referral to Treatment Waiting Times
              release: "2024-05"
              url: https://www.england.nhs.uk/statistics/
            tolerance:
              relative: 0.10
            values:
              2015: 3_700_000
              2016: 3_900_000
            notes: End-of-March snapshots.
          - id: population
            metric: population
            measures: Registered population
            unit: person
            source:
              publisher: NHS Digital
              series: Patients registered at a GP practice
              release: "2024-04"
            tolerance:
              absolute: 500_000
            values:
              2016: 58_000_000
          - id: ae_type_1
            metric: ae_attendances
            measures: Type 1 A&E attendances
            unit: attendance
            source:
              publisher: NHS England
              series: A&E Attendances and Emergency Admissions
              release: "2024-06"
            values:
              2016: 15_000_000
          - id: ae_all_types
            metric: ae_attendances
            measures: All A&E attendances
            unit: attendance
            source:
              publisher: NHS England
              series: A&E Attendances and Emergency Admissions
              release: "2024-06"
            values:
              2017: 23_400_000
        """;

    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_valid_file_loads_every_series_with_its_metric_source_tolerance_and_values()
    {
        var path = _dir.Write("targets.yaml", Valid);
        var set = TargetLoader.Load(path);

        Assert.Equal(("England", "A few published series, for tests."), (set.Geography, set.Description));
        Assert.Equal(["waiting_list", "population", "ae_type_1", "ae_all_types"], set.Series.Select(s => s.Id));
        var waiting = set.Series[0];
        Assert.Equal(Metric.WaitingList, waiting.Metric);
        Assert.Equal(new TargetSource("NHS England", "Consultant-led Referral to Treatment Waiting Times", "2024-05", "https://www.england.nhs.uk/statistics/"), waiting.Source);
        Assert.Equal(new Tolerance(ToleranceKind.Relative, 0.10m), waiting.Tolerance);
        Assert.Equal([(2015, 3_700_000m), (2016, 3_900_000m)], waiting.Values.Select(kv => (kv.Key, kv.Value)));
        Assert.Equal("End-of-March snapshots.", waiting.Notes);
        Assert.Equal(new Tolerance(ToleranceKind.Absolute, 500_000m), set.Series[1].Tolerance);
        Assert.Null(set.Series[1].Source.Url);
        Assert.Null(set.Series[2].Tolerance);
        // Two measures of one outcome are two series of one metric.
        Assert.Equal([Metric.AandEAttendances, Metric.AandEAttendances], set.Series.Skip(2).Select(s => s.Metric));
        Assert.Equal([2015, 2016, 2017], set.Years);
    }

    [Fact]
    public void An_unknown_top_level_key_is_named_with_its_line_and_the_allowed_keys()
    {
        var (e, path, text) = Fails(Valid.Replace("geography: England", "geography: England\nregion: North", StringComparison.Ordinal));
        Assert.Equal($"{path}:{LineOf(text, "region:")}:1: region: unknown key `region`; allowed keys at the top level: geography, description, series", e.Message);
    }

    [Fact]
    public void An_unknown_series_key_is_named_with_its_series_and_suggests_the_nearest()
    {
        var (e, path, text) = Fails(Valid.Replace("    notes: End", "    note: End", StringComparison.Ordinal));
        Assert.StartsWith($"{path}:{LineOf(text, "note:")}:5: series[0].note: unknown key `note` (did you mean `notes`?); allowed keys in series[0]: id, metric, measures, unit, source, tolerance, values, notes", e.Message);
    }

    [Fact]
    public void A_missing_required_key_is_named_with_the_series_it_is_missing_from()
    {
        var (e, path, _) = Fails(Valid.Replace("    measures: Registered population\n", "", StringComparison.Ordinal));
        Assert.Equal("series[1].measures", e.Key);
        Assert.StartsWith($"{path}:", e.Message);
        Assert.Contains("series[1].measures: required key is missing from `series[1]`", e.Message);
    }

    [Fact]
    public void An_unknown_metric_is_named_with_the_nearest_and_every_allowed_metric()
    {
        var (e, path, text) = Fails(Valid.Replace("metric: population", "metric: populaton", StringComparison.Ordinal));
        Assert.StartsWith($"{path}:{LineOf(text, "populaton")}:13: series[1].metric: unknown metric `populaton` (did you mean `population`?); allowed metrics: commissioner_allocations, ", e.Message);
        Assert.Contains("waiting_list", e.Message);
    }

    [Fact]
    public void A_series_id_used_twice_is_reported_at_its_second_use()
    {
        var (e, path, text) = Fails(Valid.Replace("id: ae_all_types", "id: ae_type_1", StringComparison.Ordinal));
        var second = text.LastIndexOf("id: ae_type_1", StringComparison.Ordinal);
        var line = text[..second].Count(c => c == '\n') + 1;
        Assert.Equal($"{path}:{line}:9: series[3].id: the series id `ae_type_1` is used twice (first at line {LineOf(text, "id: ae_type_1")}); give each series its own id", e.Message);
    }

    [Theory]
    [InlineData("1899")]
    [InlineData("2101")]
    [InlineData("2015.5")]
    [InlineData("twenty")]
    [InlineData("-2015")]
    public void A_year_that_is_not_a_whole_number_between_1900_and_2100_is_refused(string year)
    {
        var (e, path, text) = Fails(Valid.Replace("      2015: 3_700_000", $"      {year}: 3_700_000", StringComparison.Ordinal));
        Assert.Equal($"{path}:{LineOf(text, $"{year}: 3_700_000")}:7: series[0].values.{year}: `{year}` is not a year; a year is a whole number between 1900 and 2100, the first calendar year of the financial year (2015 for 2015/16)", e.Message);
    }

    [Theory]
    [InlineData("lots", "the text `lots`")]
    [InlineData("\"3900000\"", "the text `3900000`")]
    [InlineData("", "an empty value")]
    [InlineData("[1, 2]", "a list")]
    public void A_value_that_is_not_a_number_is_refused(string value, string described)
    {
        var (e, path, text) = Fails(Valid.Replace("      2016: 3_900_000", $"      2016: {value}", StringComparison.Ordinal));
        Assert.Equal("series[0].values.2016", e.Key);
        Assert.StartsWith($"{path}:{LineOf(text, "2016: " + value)}:", e.Message);
        Assert.Contains($"series[0].values.2016: expected a number but found {described}", e.Message);
    }

    [Fact]
    public void A_tolerance_with_both_relative_and_absolute_is_refused()
    {
        var (e, path, text) = Fails(Valid.Replace("      relative: 0.10", "      relative: 0.10\n      absolute: 5", StringComparison.Ordinal));
        Assert.StartsWith($"{path}:{LineOf(text, "tolerance:")}:5: series[0].tolerance: gives both `relative:` and `absolute:`; write exactly one", e.Message);
    }

    [Fact]
    public void A_tolerance_with_neither_relative_nor_absolute_is_refused()
    {
        var (e, path, text) = Fails(Valid.Replace("      absolute: 500_000", "      {}", StringComparison.Ordinal).Replace("    tolerance:\n      {}", "    tolerance: {}", StringComparison.Ordinal));
        Assert.StartsWith($"{path}:{LineOf(text, "tolerance: {}")}:5: series[1].tolerance: gives neither `relative:` nor `absolute:`", e.Message);
    }

    [Theory]
    [InlineData("relative: 0.10", "relative: -0.1", "series[0].tolerance.relative", "-0.1 is out of range; must be a number at least 0")]
    [InlineData("absolute: 500_000", "absolute: -1", "series[1].tolerance.absolute", "-1 is out of range; must be a number at least 0")]
    public void A_negative_tolerance_is_refused(string good, string bad, string key, string problem)
    {
        var (e, path, text) = Fails(Valid.Replace(good, bad, StringComparison.Ordinal));
        Assert.Equal($"{path}:{LineOf(text, bad)}:{LineText(text, bad).IndexOf(':', StringComparison.Ordinal) + 3}: {key}: {problem}", e.Message);
    }

    [Fact]
    public void An_empty_file_says_what_a_targets_file_holds()
    {
        var path = _dir.Write("empty.yaml", "# nothing yet\n");
        var e = Assert.Throws<ScenarioException>(() => TargetLoader.Load(path));
        Assert.Equal($"{path}: the file is empty; a targets file is a mapping with geography, description and series", e.Message);
    }

    [Fact]
    public void Every_mistake_in_a_file_is_reported_in_file_order()
    {
        var text = Valid.Replace("metric: population", "metric: populaton", StringComparison.Ordinal)
            .Replace("      2015: 3_700_000", "      1850: 3_700_000", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => TargetLoader.Load(_dir.Write("two.yaml", text)));
        Assert.Equal(["series[0].values.1850", "series[1].metric"], e.Errors.Select(x => x.Key));
    }

    private (ScenarioException Error, string Path, string Text) Fails(string text)
    {
        Assert.NotEqual(Valid, text);
        var path = _dir.Write("bad.yaml", text);
        return (Assert.Throws<ScenarioException>(() => TargetLoader.Load(path)), path, text);
    }

    private static int LineOf(string text, string fragment)
    {
        var at = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(at >= 0, $"`{fragment}` is not in the file");
        return text[..at].Count(c => c == '\n') + 1;
    }

    private static string LineText(string text, string fragment) => text.Split('\n')[LineOf(text, fragment) - 1];
}
