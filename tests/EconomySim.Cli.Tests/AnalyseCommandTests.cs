using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EconomySim.Cli.Tests;

/// <summary>A tiny Sobol design on Greater Manchester, one year, run once into a store that every test reads.</summary>
public sealed class StoredSobolDesign : IDisposable
{
    public const string Name = "tiny-sobol";
    public static readonly string[] Keys = ["funder.pump_prime_funding_gbp", "commissioning.proposal_probability"];

    public string Dir { get; } = Directory.CreateTempSubdirectory("economysim-analyse-").FullName;
    public string Store => "sqlite:" + Path.Combine(Dir, "runs.db");

    public string DesignFile => Path.Combine(Dir, "design.yaml");

    public StoredSobolDesign()
    {
        var file = DesignFile;
        File.WriteAllText(file, $"""
            experiment:
              name: {Name}
              scenario: {Cli.Config("greater-manchester.yaml")}
              replications: 2
              years: 1
            design:
              method: sobol
              samples: 2
              seed: 7
            parameters:
              - key: {Keys[0]}
                uniform: [300000000, 600000000]
              - key: {Keys[1]}
                uniform: [0.1, 0.4]
            """);
        var run = Cli.Run("experiment", file, "--store", Store, "--json");
        if (run.ExitCode != 0) throw new InvalidOperationException($"the design did not run: {run.Stderr}");
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>`analyse` on a stored design, as a researcher runs it.</summary>
public sealed class AnalyseCommandTests(StoredSobolDesign design) : IClassFixture<StoredSobolDesign>
{
    [Fact]
    public void Analysing_the_experiment_file_runs_its_design_in_memory_and_gives_the_stored_designs_indices()
    {
        var stored = Cli.Run("analyse", StoredSobolDesign.Name, "--store", design.Store, "--json");
        var fromFile = Cli.Run("analyse", design.DesignFile, "--json");
        Assert.True(stored.ExitCode == 0, stored.Stderr);
        Assert.True(fromFile.ExitCode == 0, fromFile.Stderr);
        Assert.Equal(16, fromFile.Json.GetProperty("runs").GetInt32());
        // Each run is a pure function of its scenario and seed, so the runs made now are the runs stored, and so are the indices.
        Assert.Equal(stored.Json.GetProperty("outcomes").GetRawText(), fromFile.Json.GetProperty("outcomes").GetRawText());
    }

    [Fact]
    public void Analyse_ranks_the_parameters_of_each_varying_outcome_and_writes_the_html_report_and_the_salib_files()
    {
        var html = Path.Combine(design.Dir, "sensitivity.html");
        var salib = Path.Combine(design.Dir, "salib");
        var result = Cli.Run("analyse", StoredSobolDesign.Name, "--store", design.Store, "--json", "--html", html, "--salib", salib);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Json;
        Assert.Equal("sobol", json.GetProperty("design").GetProperty("method").GetString());
        Assert.Equal(8, json.GetProperty("design").GetProperty("points").GetInt32());
        Assert.Equal(StoredSobolDesign.Keys, json.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, json.GetProperty("replications").GetInt32());
        Assert.Equal(16, json.GetProperty("runs").GetInt32());
        var outcomes = json.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.NotEmpty(outcomes);
        Assert.Single(outcomes.Select(o => o.GetProperty("year").GetInt32()).Distinct());
        foreach (var outcome in outcomes)
        {
            var parameters = outcome.GetProperty("parameters").EnumerateArray().ToList();
            Assert.Equal([1, 2], parameters.Select(p => p.GetProperty("rank").GetInt32()));
            Assert.All(parameters, p => Assert.Equal(JsonValueKind.Number, p.GetProperty("total").GetProperty("value").ValueKind));
            Assert.All(parameters, p => Assert.Equal(JsonValueKind.Object, p.GetProperty("src").ValueKind));
            Assert.Equal(2, outcome.GetProperty("noise").GetProperty("replications").GetInt32());
        }
        // The pump prime paid in the first year is the fund spread over its years; proposals do not touch it.
        var allocated = outcomes.Single(o => o.GetProperty("metric").GetString() == "pump_prime");
        Assert.Equal(StoredSobolDesign.Keys[0], allocated.GetProperty("parameters")[0].GetProperty("parameter").GetString());

        var report = File.ReadAllText(html);
        Assert.Contains("<svg", report);
        Assert.Contains("percentile bootstrap", report);
        Assert.Contains("pump_prime", report);
        Assert.DoesNotContain("<script src", report);

        using var problem = JsonDocument.Parse(File.ReadAllText(Path.Combine(salib, "problem.json")));
        Assert.Equal(2, problem.RootElement.GetProperty("num_vars").GetInt32());
        Assert.Equal(StoredSobolDesign.Keys, problem.RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal([300000000.0, 600000000.0], problem.RootElement.GetProperty("bounds")[0].EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal(["unif", "unif"], problem.RootElement.GetProperty("dists").EnumerateArray().Select(d => d.GetString()));
        var x = File.ReadAllLines(Path.Combine(salib, "X.txt"));
        Assert.Equal(8, x.Length);
        Assert.All(x, line => Assert.Equal(2, line.Split(' ').Length));
        var y = File.ReadAllLines(Path.Combine(salib, $"Y_base_pump_prime_{allocated.GetProperty("year").GetInt32()}.txt"));
        Assert.Equal(8, y.Length);
        Assert.Contains("sobol.analyze(problem, Y, calc_second_order=False)", File.ReadAllText(Path.Combine(salib, "README.txt")));
    }

    [Fact]
    public void Analyse_prints_a_table_per_outcome_for_the_metric_and_year_asked()
    {
        var result = Cli.Run("analyse", StoredSobolDesign.Name, "--store", design.Store, "--metric", "pump_prime");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("ranked by total index ST", result.Stdout);
        Assert.Contains("pump_prime", result.Stdout);
        Assert.Contains(StoredSobolDesign.Keys[0], result.Stdout);
        Assert.Contains("noise share", result.Stdout);
    }

    [Fact]
    public void Analyse_names_the_nearest_stored_experiment_for_an_unknown_name()
    {
        var result = Cli.Run("analyse", "tiny-sobl", "--store", design.Store);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no experiment 'tiny-sobl'", result.Stderr);
        Assert.Contains($"did you mean '{StoredSobolDesign.Name}'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Analyse_refuses_an_unknown_metric_and_a_year_the_runs_do_not_have()
    {
        var metric = Cli.Run("analyse", StoredSobolDesign.Name, "--store", design.Store, "--metric", "comissioner_allocations");
        Assert.Equal(2, metric.ExitCode);
        Assert.Contains("--metric: 'comissioner_allocations' is not a metric (did you mean 'commissioner_allocations'?)", metric.Stderr);
        var year = Cli.Run("analyse", StoredSobolDesign.Name, "--store", design.Store, "--year", "1990");
        Assert.Equal(2, year.ExitCode);
        Assert.Contains("--year: 1990 is not a year of the runs", year.Stderr);
    }

    [Fact]
    public void Analyse_says_how_many_runs_an_incomplete_design_lacks()
    {
        var copy = Path.Combine(design.Dir, $"incomplete-{Guid.NewGuid():N}.db");
        File.Copy(StoreProbe.PathOf(design.Store), copy);
        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE economysim_runs SET status = 2 WHERE run_id LIKE '%-p3-r1-%'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        var result = Cli.Run("analyse", StoredSobolDesign.Name, "--store", "sqlite:" + copy);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is incomplete: 1 of 16 design runs have not completed (base p3 r1)", result.Stderr);
    }

    [Fact]
    public void Analyse_refuses_an_experiment_without_a_design()
    {
        var store = "sqlite:" + Path.Combine(design.Dir, $"variants-{Guid.NewGuid():N}.db");
        var file = Path.Combine(design.Dir, $"variants-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Cli.PbrAgainstBlockExperiment("variants-only", 2, "  []", years: 1).Replace("expect:\n  []", "expect: []"));
        var run = Cli.Run("experiment", file, "--store", store);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = Cli.Run("analyse", "variants-only", "--store", store);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("experiment 'variants-only' has no design", result.Stderr);
    }
}
