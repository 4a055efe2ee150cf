using System.Globalization;
using EconomySim.Domain;
using Parquet.Serialization;

namespace EconomySim.Cli.Tests;

/// <summary>
/// One small stored experiment (Greater Manchester, one year, two variants x two replications), run once through the
/// command line and shared by the tests of what is read from it as a whole.
/// </summary>
public sealed class StoredExperiment : IDisposable
{
    public const string Name = "gm-results";

    public StoredExperiment()
    {
        File.WriteAllText(FileName, Body(expect: """
              - metric: elective_treated
                under: block
                within: 5%
                of: pbr
              - metric: spend_acute
                per: population
                under: block
                within: 1%
                of: pbr
              - property: money_conserved
            """));
        Result = Cli.Run("experiment", FileName, "--store", Store, "--json");
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("economysim-experiment-results-").FullName;

    public string FileName => Path.Combine(Directory, "experiment.yaml");

    public string Store => "sqlite:" + Path.Combine(Directory, "runs.db");

    public CliResult Result { get; }

    /// <summary>The experiment file with <paramref name="expect"/> as its `expect:` list (each line indented by two).</summary>
    public static string Body(string expect, string name = Name) =>
        Cli.PbrAgainstBlockExperiment(name, 2, expect, years: 1, scenario: "greater-manchester.yaml");

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

public sealed class ExperimentResultsTests(StoredExperiment stored) : IClassFixture<StoredExperiment>
{
    private const int Runs = 4;
    private const int Years = 1;

    [Fact]
    public void Experiment_json_carries_every_replications_outcomes_by_year_and_each_clauses_test()
    {
        Assert.True(stored.Result.ExitCode == 0, stored.Result.Stderr);
        var json = stored.Result.Json;
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(Runs, runs.Count);
        foreach (var run in runs)
        {
            var year = Assert.Single(run.GetProperty("outcomes_by_year").EnumerateArray());
            Assert.Equal(2016, year.GetProperty("year").GetInt32());
            var values = year.GetProperty("values");
            Assert.All(MetricCatalogue.All, m => Assert.True(values.TryGetProperty(m.Name, out _), m.Name));
        }
        // The outcomes are the run's own: the stored replication, read back, shows the same figures.
        var show = Cli.Run("show", $"{StoredExperiment.Name}-block-r2-2", "--store", stored.Store, "--json");
        Assert.Equal(show.Json.GetProperty("outcomes_by_year")[0].GetProperty("values").ToString(), runs[3].GetProperty("outcomes_by_year")[0].GetProperty("values").ToString());

        var clauses = json.GetProperty("expectations").EnumerateArray().ToList();
        Assert.Equal(["within", "within", "money_conserved"], clauses.Select(c => c.GetProperty("kind").GetString()));
        var within = clauses[0].GetProperty("tested")[0];
        Assert.True(within.GetProperty("ci90_lower").GetDouble() > -clauses[0].GetProperty("margin").GetDouble());
        Assert.Equal("population", clauses[1].GetProperty("per").GetString());
        Assert.Equal(Runs, clauses[2].GetProperty("tested")[0].GetProperty("estimate").GetProperty("mean").GetInt32());
        Assert.True(json.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void A_failing_new_clause_exits_one_and_names_its_file_and_line()
    {
        var path = Path.Combine(stored.Directory, "ordered.yaml");
        File.WriteAllText(path, StoredExperiment.Body("  - metric: waiting_list\n    ordered: [pbr, block]", name: "gm-ordered"));
        var result = Cli.Run("experiment", path, "--store", "none");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}:14: expectation failed: waiting_list over the run ascending across pbr, block (block - pbr ", result.Stderr);
    }

    [Fact]
    public void Compare_experiment_puts_the_variants_side_by_side_with_paired_differences()
    {
        var result = Cli.Run("compare", "--experiment", StoredExperiment.Name, "--store", stored.Store, "--metric", "waiting_list", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["pbr", "block"], result.Json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        var row = Assert.Single(result.Json.GetProperty("rows").EnumerateArray());
        Assert.Equal(2, row.GetProperty("groups")[0].GetProperty("n").GetInt32());
        Assert.Equal(2, row.GetProperty("differences_from_first")[1].GetProperty("n").GetInt32());
        // The experiment's name alone means the same.
        Assert.Equal(result.Stdout, Cli.Run("compare", StoredExperiment.Name, "--store", stored.Store, "--metric", "waiting_list", "--json").Stdout);
    }

    [Fact]
    public void Compare_with_a_name_that_is_no_experiment_points_at_experiment_and_exits_two()
    {
        var single = Cli.Run("compare", "gm-result", "--store", stored.Store);
        Assert.Equal(2, single.ExitCode);
        Assert.Contains("--experiment NAME", single.Stderr);
        Assert.Contains($"experiments in the store: {StoredExperiment.Name}", single.Stderr);
        var unknown = Cli.Run("compare", "--experiment", "gm-result", "--store", stored.Store);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"no experiment 'gm-result' in {stored.Store} (did you mean '{StoredExperiment.Name}'?)", unknown.Stderr);
        Assert.DoesNotContain("   at ", unknown.Stderr);
    }

    [Fact]
    public async Task Export_experiment_writes_one_row_per_replication_year_and_metric_in_csv_and_parquet()
    {
        var folder = Path.Combine(stored.Directory, "export");
        var csv = Cli.Run("export", "--experiment", StoredExperiment.Name, "--store", stored.Store, "--out", folder);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var lines = File.ReadAllLines(Path.Combine(folder, $"{StoredExperiment.Name}.csv"));
        Assert.Equal("experiment,variant,replication,seed,scenario,run_id,year,date,metric,unit,value", lines[0]);
        Assert.Equal(Runs * Years * MetricCatalogue.Count, lines.Length - 1);
        var first = lines[1].Split(',');
        Assert.Equal([StoredExperiment.Name, "pbr", "1", "1"], first[..4]);
        Assert.Equal([$"{StoredExperiment.Name}-pbr-r1-1", "2016", "2016-04-01"], first[5..8]);
        // The exported waiting list is the figure experiment --json printed for that replication.
        var printed = stored.Result.Json.GetProperty("runs")[3].GetProperty("outcomes_by_year")[0].GetProperty("values").GetProperty("waiting_list").GetDecimal();
        var exported = lines.Select(l => l.Split(',')).Single(f => f[5] == $"{StoredExperiment.Name}-block-r2-2" && f[8] == "waiting_list");
        Assert.Equal(printed, decimal.Parse(exported[10], CultureInfo.InvariantCulture));

        var parquet = Cli.Run("export", StoredExperiment.Name, "--store", stored.Store, "--out", folder, "--format", "parquet");
        Assert.True(parquet.ExitCode == 0, parquet.Stderr);
        await using var stream = File.OpenRead(Path.Combine(folder, $"{StoredExperiment.Name}.parquet"));
        var table = await ParquetSerializer.DeserializeUntypedAsync(stream);
        Assert.Equal(lines.Length - 1, table.Data.Count);
        var types = table.Schema.DataFields.ToDictionary(f => f.Name, f => (f.ClrType, f.IsNullable));
        Assert.Equal(lines[0].Split(','), table.Schema.DataFields.Select(f => f.Name));
        Assert.DoesNotContain("design_point", types.Keys);
        Assert.Equal((typeof(int), true), types["replication"]);
        Assert.Equal((typeof(int), false), types["year"]);
        Assert.Equal((typeof(long), false), types["seed"]);
        Assert.Equal((typeof(double), false), types["value"]);
        Assert.False(types["metric"].IsNullable);
        Assert.Equal(MetricCatalogue.All[0].Name, table.Data[0]["metric"]?.ToString());
        Assert.Equal(2, table.Data[^1]["replication"]);

        var again = Cli.Run("export", "--experiment", StoredExperiment.Name, "--store", stored.Store, "--out", folder);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr);
    }
}

/// <summary>A whole experiment with a design, read as one table and checked along its parameter.</summary>
public sealed class DesignedExperimentResultsTests : IDisposable
{
    private const string Name = "gm-design";
    private const string Parameter = "funder.allocation_growth";
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-designed-results-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task A_designs_runs_carry_their_point_and_parameter_into_the_json_the_trend_clause_and_the_exported_table()
    {
        var path = Path.Combine(_dir, "design.yaml");
        File.WriteAllText(path, $"""
            experiment:
              name: {Name}
              scenario: {Cli.Config("greater-manchester.yaml")}
              replications: 2
              years: 2
            design:
              method: grid
              samples: 2
            parameters:
              - key: {Parameter}
                uniform: [0.01, 0.05]
            expect:
              - metric: commissioner_allocations
                year: 2017
                increasing_with: {Parameter}
            """);
        var store = "sqlite:" + Path.Combine(_dir, "runs.db");
        var result = Cli.Run("experiment", path, "--store", store, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var runs = result.Json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([1, 1, 2, 2], runs.Select(r => r.GetProperty("design_point").GetInt32()));
        Assert.Equal([0.01, 0.01, 0.05, 0.05], runs.Select(r => r.GetProperty("parameters").GetProperty(Parameter).GetDouble()));
        var trend = Assert.Single(result.Json.GetProperty("expectations").EnumerateArray());
        Assert.Equal(("trend", Parameter), (trend.GetProperty("kind").GetString(), trend.GetProperty("parameter").GetString()));
        Assert.True(trend.GetProperty("tested")[0].GetProperty("estimate").GetProperty("ci_lower").GetDouble() > 0);

        var folder = Path.Combine(_dir, "export");
        Assert.Equal(0, Cli.Run("export", "--experiment", Name, "--store", store, "--out", folder).ExitCode);
        var lines = File.ReadAllLines(Path.Combine(folder, $"{Name}.csv"));
        // A scenario key becomes a column name every reader takes unquoted.
        const string Column = "funder_allocation_growth";
        Assert.Equal($"experiment,variant,design_point,{Column},replication,seed,scenario,run_id,year,date,metric,unit,value", lines[0]);
        Assert.Equal(4 * 2 * MetricCatalogue.Count, lines.Length - 1);
        Assert.Equal(["2", "0.05", "2", "2"], lines[^1].Split(',')[2..6]);

        Assert.Equal(0, Cli.Run("export", Name, "--store", store, "--out", folder, "--format", "parquet").ExitCode);
        await using var stream = File.OpenRead(Path.Combine(folder, $"{Name}.parquet"));
        var table = await ParquetSerializer.DeserializeUntypedAsync(stream);
        Assert.Equal(lines.Length - 1, table.Data.Count);
        var types = table.Schema.DataFields.ToDictionary(f => f.Name, f => f.ClrType);
        Assert.Equal((typeof(int), typeof(double)), (types["design_point"], types[Column]));
        Assert.Equal((2, 0.05), (table.Data[^1]["design_point"], table.Data[^1][Column]));

        var compare = Cli.Run("compare", Name, "--store", store, "--metric", "commissioner_allocations", "--json");
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        Assert.Equal(["base/p1", "base/p2"], compare.Json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }
}
