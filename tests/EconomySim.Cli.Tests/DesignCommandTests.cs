using System.Text.Json;
using EconomySim.Testing;
using Microsoft.Data.Sqlite;

namespace EconomySim.Cli.Tests;

/// <summary>
/// A design in an experiment file, run through the command line: every point times every replication is an ordinary
/// run with common random numbers, registered with its point and values, and the same on a cluster as in one process.
/// </summary>
public sealed class DesignCommandTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-design-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>A grid of 2 parameters x 2 levels on Greater Manchester, 2 replications of 2 years: 8 runs.</summary>
    private string Grid(string name, string parameters = """
          - key: funder.allocation_growth
            uniform: [0.01, 0.05]
            source: a test range
          - key: commissioning.proposal_probability
            values: [0.1, 0.3]
        """)
    {
        var path = Path.Combine(_dir, $"{name}.yaml");
        File.WriteAllText(path, $"""
            experiment:
              name: {name}
              scenario: {Cli.Config("greater-manchester.yaml")}
              replications: 2
              years: 2
            design:
              method: grid
              samples: 2
            parameters:
            {parameters}
            """);
        return path;
    }

    private static List<(string RunId, long Seed, string Digest)> Runs(CliResult result) =>
        result.Json.GetProperty("runs").EnumerateArray()
            .Select(r => (r.GetProperty("run_id").GetString()!, r.GetProperty("seed").GetInt64(), r.GetProperty("digest").GetString()!)).ToList();

    [Fact]
    public void A_grid_design_runs_every_point_and_replication_with_common_random_numbers_and_registers_each_with_its_values()
    {
        var path = Grid("grid-e2e");
        var db = Path.Combine(_dir, "runs.db");
        var result = Cli.Run("experiment", path, "--store", $"sqlite:{db}", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var runs = Runs(result);
        Assert.Equal(
            [.. from p in Enumerable.Range(1, 4) from r in Enumerable.Range(1, 2) select $"grid-e2e-base-p{p}-r{r}-{r}"],
            runs.Select(r => r.RunId));
        // Replication r has seed r at every point; the points' values change the runs.
        Assert.All(runs, r => Assert.Equal(r.RunId[^1] - '0', r.Seed));
        Assert.NotEqual(runs[0].Digest, runs[4].Digest);
        var points = result.Json.GetProperty("design").GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(4, points.Count);
        Assert.Equal(0.05, points[3].GetProperty("values").GetProperty("funder.allocation_growth").GetDouble());

        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id, design_point, parameters, options, status FROM economysim_runs ORDER BY run_id";
        using var reader = command.ExecuteReader();
        var stored = new List<(string Id, long Point, Dictionary<string, double> Values, string Options, string Status)>();
        while (reader.Read())
            stored.Add((reader.GetString(0), reader.GetInt64(1), JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(2))!, reader.GetString(3), reader.GetString(4)));
        Assert.Equal(8, stored.Count);
        Assert.All(stored, s => Assert.Equal("completed", s.Status));
        var last = stored.Single(s => s.Id == "grid-e2e-base-p4-r2-2");
        Assert.Equal(4, last.Point);
        Assert.Equal(new Dictionary<string, double> { ["funder.allocation_growth"] = 0.05, ["commissioning.proposal_probability"] = 0.3 }, last.Values);
        var design = JsonDocument.Parse(last.Options).RootElement.GetProperty("design");
        Assert.Equal("grid", design.GetProperty("method").GetString());
        Assert.Equal("unif", design.GetProperty("parameters")[0].GetProperty("distribution").GetString());
        // A run at a design point is an ordinary run: its scenario, with the point's values, rebuilds to the same digest.
        Cli.AssertStoredDigestVerified("grid-e2e-base-p4-r2-2", $"sqlite:{db}");
    }

    [Fact]
    public void A_design_without_expectations_says_nothing_was_tested_and_names_the_analysis_rather_than_an_empty_table()
    {
        var result = Cli.Run("experiment", Grid("grid-untested"), "--store", "none");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Nothing tested:", result.Stdout);
        Assert.Contains("'economysim analyse grid-untested'", result.Stdout);
        Assert.DoesNotContain("expectation", result.Stdout.Split('\n').Where(l => !l.StartsWith("Nothing tested:", StringComparison.Ordinal)).Aggregate("", string.Concat));
    }

    [Fact]
    public void A_mistake_in_a_design_exits_two_naming_file_line_and_key_without_a_stack_trace()
    {
        var path = Grid("grid-bad", """
              - key: funder.allocation_growth
                uniform: [0.01, 1.5]
            """);
        var result = Cli.Run("experiment", path, "--store", "none");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:11:", result.Stderr);
        Assert.Contains("parameters[0].uniform: 1.5 is outside what `funder.allocation_growth` allows", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void One_replication_is_refused_without_a_design_which_compares_variants_by_paired_replications()
    {
        var result = Cli.Run("experiment", Cli.Config("experiments/pbr-vs-block.yaml"), "--replications", "1", "--store", "none");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--replications: an experiment without a design needs at least 2 replications", result.Stderr);
    }

    [Fact]
    public void A_design_spread_over_a_cluster_gives_the_single_process_digests()
    {
        var path = Grid("grid-cluster");
        var seedPort = FreePort.OnLoopback();
        using var worker = new ClusterProcess("worker", "--seed-node", $"127.0.0.1:{seedPort}", "--listen", $"127.0.0.1:{seedPort}", "--parallel", "2", "--store", "none");
        worker.WaitForLine(l => l.StartsWith("worker up at 127.0.0.1:", StringComparison.Ordinal), Bound, "saying the worker is up");
        using var coordinator = new ClusterProcess("experiment", path, "--cluster", $"127.0.0.1:{seedPort}", "--store", "none", "--json");
        var finished = coordinator.Finish(Bound);
        Assert.True(finished.ExitCode == 0, finished.Stderr);
        var clustered = Runs(finished);
        // The work items carried the points: the worker ran every point of the design.
        Assert.Contains(worker.Lines, l => l.StartsWith("finished grid-cluster-base-p4-r2-2 ", StringComparison.Ordinal));

        var single = Cli.Run("experiment", path, "--store", "none", "--json");
        Assert.True(single.ExitCode == 0, single.Stderr);
        Assert.Equal(Runs(single), clustered);
    }
}
