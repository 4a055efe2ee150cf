namespace EconomySim.Cli.Tests;

public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-cli-experiment-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "experiment.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Body(string expect) => Cli.PbrAgainstBlockExperiment("cli-test", 3, expect);

    [Fact]
    public void An_experiment_prints_its_comparison_as_json_and_exits_zero_when_its_expectations_hold()
    {
        var result = Cli.Run("experiment", Cli.Config("experiments/pbr-vs-block.yaml"), "--store", "none", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Json;
        Assert.True(json.GetProperty("passed").GetBoolean());
        Assert.Equal(20, json.GetProperty("runs").GetArrayLength());
        Assert.Equal("pbr-vs-block-pbr-r1-1", json.GetProperty("runs")[0].GetProperty("run_id").GetString());
        var first = json.GetProperty("expectations")[0];
        Assert.True(first.GetProperty("difference").GetProperty("ci_lower").GetDouble() > 0);
    }

    [Fact]
    public void A_failing_expectation_exits_one_and_names_the_clause()
    {
        var path = Write(Body("  - metric: elective_treated\n    year: 2024\n    lower: pbr\n    than: block"));
        var result = Cli.Run("experiment", path, "--store", "none");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path}:14: expectation failed: elective_treated in 2024 lower under pbr than under block", result.Stderr);
        Assert.Contains("FAILED", result.Stdout);
    }

    [Fact]
    public void A_mistake_in_an_experiment_file_exits_two_with_file_line_and_key_from_run_and_validate()
    {
        var path = Write(Body("  - metric: waiting_lst\n    lower: pbr\n    than: block"));
        foreach (var command in new[] { "experiment", "validate" })
        {
            var result = Cli.Run(command, path);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith($"{path}:14:13: expect[0].metric: unknown metric `waiting_lst` (did you mean `waiting_list`?)", result.Stderr);
        }
    }

    [Fact]
    public void Each_replication_is_stored_as_an_ordinary_run_and_a_second_experiment_under_the_same_ids_is_refused()
    {
        var path = Write(Body("  - metric: elective_treated\n    year: 2024\n    higher: pbr\n    than: block").Replace("replications: 3", "replications: 2"));
        var result = Cli.Run(["experiment", path], workingDirectory: _dir);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var runs = Cli.Run(["runs"], workingDirectory: _dir);
        foreach (var id in new[] { "cli-test-pbr-r1-1", "cli-test-pbr-r2-2", "cli-test-block-r1-1", "cli-test-block-r2-2" })
            Assert.Contains(id, runs.Stdout.Replace("\n", "").Replace(" ", ""));
        var show = Cli.Run(["show", "cli-test-block-r2-2"], workingDirectory: _dir);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("matches", show.Stdout);
        var again = Cli.Run(["experiment", path], workingDirectory: _dir);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
    }

    [Fact]
    public void An_experiment_stores_its_replications_at_the_history_cadence_it_is_given_with_the_same_results()
    {
        var path = Write(Body("  - metric: elective_treated\n    year: 2024\n    higher: pbr\n    than: block").Replace("replications: 3", "replications: 2"));
        var digests = new Dictionary<string, string>();
        var mostPerOrganisation = new Dictionary<string, long>();
        foreach (var cadence in new[] { "month", "year" })
        {
            var store = $"sqlite:{Path.Combine(_dir, $"{cadence}.db")}";
            var result = Cli.Run("experiment", path, "--store", store, "--history-cadence", cadence, "--json");
            Assert.True(result.ExitCode == 0, result.Stderr);
            var runs = result.Json.GetProperty("runs").EnumerateArray().ToList();
            Assert.Equal(4, runs.Count);
            foreach (var run in runs)
            {
                var id = run.GetProperty("run_id").GetString()!;
                var digest = run.GetProperty("digest").GetString()!;
                Assert.Equal(digests.GetValueOrDefault(id, digest), digest);
                digests[id] = digest;
                Cli.AssertStoredDigestVerified(id, store, $"{cadence} {id}: ");
            }
            mostPerOrganisation[cadence] = StoreProbe.MostEntriesOfOneOrganisation(store);
        }
        // By year, each organisation's journal in a two-year run holds at most two entries.
        Assert.True(mostPerOrganisation["year"] <= 2, $"year: {mostPerOrganisation["year"]}");
        Assert.True(mostPerOrganisation["month"] > mostPerOrganisation["year"], $"month {mostPerOrganisation["month"]}, year {mostPerOrganisation["year"]}");
    }

    [Fact]
    public void Validate_accepts_every_shipped_experiment()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepositoryRoot, "configs", "experiments"), "*.yaml"))
        {
            var result = Cli.Run("validate", file);
            Assert.True(result.ExitCode == 0, $"{file}: {result.Stderr}");
            Assert.Contains("valid experiment", result.Stdout);
        }
    }
}
