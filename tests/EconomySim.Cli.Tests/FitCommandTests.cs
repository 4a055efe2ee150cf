using System.Text.Json;

namespace EconomySim.Cli.Tests;

/// <summary>economysim fit through the command line: a scenario file or a stored run against a small targets file.</summary>
public sealed class FitCommandTests : IDisposable
{
    // Greater Manchester runs 2016-2020: 2015 is a target year the run does not cover.
    private const string Targets = """
        geography: Greater Manchester
        series:
          - id: waiting_list
            metric: waiting_list
            measures: Patients waiting on incomplete pathways at end of March
            unit: patient
            source: {publisher: NHS England, series: RTT waiting times, release: "2021"}
            tolerance: {relative: 0.10}
            values: {2015: 250_000, 2016: 260_000, 2017: 280_000, 2018: 300_000}
          - id: allocations
            metric: commissioner_allocations
            measures: Allocations to the area's commissioners
            unit: GBP
            source: {publisher: NHS England, series: CCG allocations, release: "2016"}
            values: {2016: 5_400_000_000, 2017: 5_500_000_000}
          - id: long_waits
            metric: waiting_over_18_weeks_share
            measures: Share of the waiting list waiting over 18 weeks
            unit: share
            source: {publisher: NHS England, series: RTT waiting times, release: "2021"}
            tolerance: {absolute: 0.05}
            values: {2017: 0.1}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-fit-").FullName;
    private string TargetsFile => Path.Combine(_dir, "targets.yaml");
    private string Store => "sqlite:" + Path.Combine(_dir, "runs.db");

    public FitCommandTests() => File.WriteAllText(TargetsFile, Targets);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliResult Succeeds(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result;
    }

    private static List<(string Series, int Year, decimal Model, decimal Target)> Rows(JsonElement fit) =>
        fit.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("series").GetString()!, r.GetProperty("year").GetInt32(), r.GetProperty("model").GetDecimal(), r.GetProperty("target").GetDecimal()))
            .ToList();

    [Fact]
    public void Fitting_a_scenario_file_compares_the_values_run_reports_for_the_same_seed()
    {
        var run = Succeeds("run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--seed", "3", "--json").Json;
        var fit = Succeeds("fit", Cli.Config("greater-manchester.yaml"), "--targets", TargetsFile, "--seed", "3", "--json").Json;

        var rows = Rows(fit);
        Assert.Equal([("waiting_list", 2016), ("waiting_list", 2017), ("waiting_list", 2018), ("allocations", 2016), ("allocations", 2017), ("long_waits", 2017)],
            rows.Select(r => (r.Series, r.Year)));
        var byYear = run.GetProperty("outcomes_by_year").EnumerateArray().ToDictionary(y => y.GetProperty("year").GetInt32(), y => y.GetProperty("values"));
        foreach (var row in fit.GetProperty("rows").EnumerateArray())
            Assert.Equal(byYear[row.GetProperty("year").GetInt32()].GetProperty(row.GetProperty("metric").GetString()!).GetDecimal(), row.GetProperty("model").GetDecimal());
        Assert.Equal(260_000m, rows[0].Target);
        Assert.Equal(3, fit.GetProperty("seed").GetInt64());
        Assert.Equal([2015], fit.GetProperty("summary").GetProperty("years_not_covered").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(4, fit.GetProperty("summary").GetProperty("rows_judged").GetInt32());
    }

    [Fact]
    public void Fitting_a_stored_run_gives_the_same_rows_as_fitting_its_scenario_file()
    {
        Succeeds("run", Cli.Config("greater-manchester.yaml"), "--store", Store, "--run-id", "gm-fitted", "--json");
        var stored = Succeeds("fit", "gm-fit", "--store", Store, "--targets", TargetsFile, "--json").Json;
        var file = Succeeds("fit", Cli.Config("greater-manchester.yaml"), "--targets", TargetsFile, "--json").Json;

        Assert.Equal("gm-fitted", stored.GetProperty("run_id").GetString());
        Assert.Equal(6, Rows(stored).Count);
        Assert.Equal(Rows(file), Rows(stored));
        Assert.Equal(file.GetProperty("series").GetRawText(), stored.GetProperty("series").GetRawText());
    }

    [Fact]
    public void A_bad_targets_file_exits_2_with_one_line_naming_the_file_and_line()
    {
        File.WriteAllText(TargetsFile, Targets.Replace("relative: 0.10", "relative: -0.10", StringComparison.Ordinal));
        var result = Cli.Run("fit", Cli.Config("greater-manchester.yaml"), "--targets", TargetsFile);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{TargetsFile}:8:", result.Stderr[..(TargetsFile.Length + 3)]);
        Assert.Contains("series[0].tolerance.relative: -0.10 is out of range", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Years_outside_the_run_exit_2_naming_the_runs_years()
    {
        var result = Cli.Run("fit", Cli.Config("greater-manchester.yaml"), "--targets", TargetsFile, "--years", "1990-1991", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("economysim: --years: 1990-1991 is outside the run's years, 2016-2020\n", result.Stderr.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal("", result.Stdout);
    }
}
