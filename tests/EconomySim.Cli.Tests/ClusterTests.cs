using System.Text.Json;
using EconomySim.Testing;
using Npgsql;

namespace EconomySim.Cli.Tests;

/// <summary>
/// A cluster of separate economysim processes on 127.0.0.1 computes exactly what one process computes, even when a
/// worker dies in the middle of a replication.
/// </summary>
public sealed partial class ClusterTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly TemporaryFolder _folder = new("economysim-cluster-test-");

    public void Dispose() => _folder.Dispose();

    private const string ElectivesClause = "  - {metric: elective_treated, year: 2024, higher: pbr, than: block}";

    private string Experiment(string name, int replications, int years = 2,
        string expect = ElectivesClause + "\n  - {metric: waiting_list, lower: pbr, than: block}", string? scenario = null)
    {
        var path = _folder.File($"{name}.yaml");
        File.WriteAllText(path, Cli.PbrAgainstBlockExperiment(name, replications, expect, years, scenario));
        return path;
    }

    private static ClusterProcess Worker(int seedPort, string store, int? listenPort = null) => ClusterProcess.Worker(seedPort, store, listenPort, parallel: 1, Bound);

    private long JournalEntries(string runId)
    {
        using var connection = new NpgsqlConnection(postgres.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM journal WHERE persistence_id LIKE @run", connection);
        command.Parameters.AddWithValue("run", runId + "|%");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Everything an experiment reports but its wall time, which is the one figure allowed to differ.</summary>
    private static string Figures(CliResult result)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(result.Stdout)!;
        json.Remove("wall_seconds");
        return JsonSerializer.Serialize(json);
    }

    /// <summary>The run ids an experiment printed, in its order.</summary>
    private static List<string> RunIds(CliResult experiment) =>
        [.. experiment.Json.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!)];

    private static string HistoryStoreDisplay(string store) => Engine.Persistence.HistoryStore.Parse(store).Display;

    [Fact]
    public void An_experiment_spread_over_a_cluster_whose_worker_is_killed_mid_replication_gives_the_single_process_results_once_each()
    {
        var store = "postgres:" + postgres.ConnectionString;
        // Six years: a replication's history becomes durable a year at a time and may trail its computation by a year, so
        // when the first entries show, years of the run are still to come and the kill lands inside it. (Over six years
        // the waiting lists of the two regimes are not told apart by three replications, so only the first clause.)
        var path = Experiment("cluster-kill", replications: 3, years: 6, expect: ElectivesClause);
        var seedPort = FreePort.OnLoopback();
        using var first = Worker(seedPort, store, listenPort: seedPort);
        using var second = Worker(seedPort, store);

        using var coordinator = new ClusterProcess("experiment", path, "--cluster", $"127.0.0.1:{seedPort}", "--store", store, "--json");
        // Kill the second worker once its first replication has written part of its history to the shared store.
        var started = second.WaitForLine(l => l.StartsWith("started ", StringComparison.Ordinal), Bound, "saying a replication started");
        var victim = started.Split(' ')[1];
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (JournalEntries(victim) == 0)
        {
            Assert.True(waited.Elapsed < Bound, $"{victim} wrote nothing to the journal within {Bound}");
            Assert.DoesNotContain($"finished {victim}", second.Stdout);
            Thread.Sleep(20); // polling the store, not waiting for a race to settle
        }
        second.Kill();
        Assert.DoesNotContain($"finished {victim}", second.Stdout);

        var clustered = coordinator.Finish(Bound);
        Assert.True(clustered.ExitCode == 0, clustered.Stderr);
        // The replication the dead worker held was carried on by the other worker.
        first.WaitForLine(l => l.StartsWith($"finished {victim} ", StringComparison.Ordinal), TimeSpan.FromSeconds(10), $"saying {victim} finished on the surviving worker");
        Assert.Contains(first.Lines, l => l == $"started {victim} (attempt 2)");

        var single = Cli.Run("experiment", path, "--store", "none", "--json");
        Assert.True(single.ExitCode == 0, single.Stderr);
        Assert.Equal(Figures(single), Figures(clustered));
        var runIds = RunIds(clustered);
        Assert.Equal(6, runIds.Count);
        Assert.Equal(6, runIds.Distinct().Count());

        // Every replication is stored once: the digest recomputed from the store is the printed one, the killed one included.
        var runs = Cli.Run("runs", "--store", store, "--json");
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var experimentRuns = runs.Json.EnumerateArray().Where(r => r.GetProperty("run_id").GetString()!.StartsWith("cluster-kill-", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, experimentRuns.Count);
        Assert.All(experimentRuns, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        foreach (var id in new[] { victim, runIds[0] }.Distinct())
            Cli.AssertStoredDigestVerified(id, store);
    }

    [Fact]
    public void A_run_sharded_over_a_cluster_has_the_single_process_digest_and_outcomes_and_its_stored_history_checks()
    {
        var store = "postgres:" + postgres.ConnectionString;
        var seedPort = FreePort.OnLoopback();
        using var first = Worker(seedPort, store, listenPort: seedPort);
        using var second = Worker(seedPort, store);
        var scenario = Cli.Config("greater-manchester.yaml");

        var sharded = Cli.Run("run", scenario, "--years", "2", "--seed", "5", "--cluster", $"127.0.0.1:{seedPort}", "--sharded", "--store", store,
            "--run-id", "sharded-gm", "--json");
        Assert.True(sharded.ExitCode == 0, sharded.Stderr);
        var single = Cli.Run("run", scenario, "--years", "2", "--seed", "5", "--store", "none", "--json");
        Assert.True(single.ExitCode == 0, single.Stderr);
        Assert.Equal(single.Json.GetProperty("digest").GetString(), sharded.Json.GetProperty("digest").GetString());
        Assert.Equal(single.Json.GetProperty("outcomes_by_year").GetRawText(), sharded.Json.GetProperty("outcomes_by_year").GetRawText());
        Assert.Equal(single.Json.GetProperty("messages").GetInt64(), sharded.Json.GetProperty("messages").GetInt64());

        // Both workers held some of the organisations, and between them all of them.
        var organisations = sharded.Json.GetProperty("organisations").GetInt32();
        int Held(ClusterProcess worker) => int.Parse(worker.WaitForLine(l => l.StartsWith("released ", StringComparison.Ordinal) && l.EndsWith(" organisations of sharded-gm", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "saying the worker let go of the run's organisations").Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var held = (First: Held(first), Second: Held(second));
        Assert.True(held.First > 0 && held.Second > 0, $"held {held}");
        Assert.Equal(organisations, held.First + held.Second);
        Assert.Single(first.Lines, l => l.StartsWith("holding organisations of sharded-gm", StringComparison.Ordinal));
        Assert.Single(second.Lines, l => l.StartsWith("holding organisations of sharded-gm", StringComparison.Ordinal));

        Cli.AssertStoredDigestVerified("sharded-gm", store);
    }

    [Fact]
    public void A_sharded_run_whose_worker_dies_stops_saying_so_and_resumes_to_the_single_process_digest()
    {
        var store = "postgres:" + postgres.ConnectionString;
        var seedPort = FreePort.OnLoopback();
        using var first = Worker(seedPort, store, listenPort: seedPort);
        using var second = Worker(seedPort, store);
        var scenario = Cli.Config("greater-manchester.yaml");

        // Twenty years written phase by phase: the journal shows the run under way from its first phases, and most of the
        // run is still to come when the kill lands, however loaded the machine.
        using var run = new ClusterProcess("run", scenario, "--years", "20", "--seed", "8", "--cluster", $"127.0.0.1:{seedPort}", "--sharded", "--store", store,
            "--run-id", "sharded-lost", "--history-cadence", "phase", "--json");
        second.WaitForLine(l => l == "holding organisations of sharded-lost", Bound, "saying the worker holds organisations");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (JournalEntries("sharded-lost") == 0)
        {
            Assert.True(waited.Elapsed < Bound, $"sharded-lost wrote nothing to the journal within {Bound}");
            Thread.Sleep(20); // polling the store, not waiting for a race to settle
        }
        second.Kill();

        Assert.Equal(1, run.WaitForExit(Bound));
        Assert.Contains("left the cluster during the run", run.Errors);
        // The hint names the store (its password hidden), since a command given no --store would look elsewhere.
        var hint = $"'economysim resume sharded-lost --store \"{HistoryStoreDisplay(store)}\"'";
        Assert.Contains(hint, run.Errors);

        var resumed = Cli.Run("resume", "sharded-lost", "--store", store, "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        var single = Cli.Run("run", scenario, "--years", "20", "--seed", "8", "--store", "none", "--json");
        Assert.Equal(single.Json.GetProperty("digest").GetString(), resumed.Json.GetProperty("digest").GetString());
        Cli.AssertStoredDigestVerified("sharded-lost", store);
    }
}

/// <summary>Mistakes in the cluster flags are named in one line, with what is allowed, before anything starts.</summary>
public sealed class ClusterBadInputTests
{
    private static readonly string Scenario = Cli.Config("greater-manchester.yaml");
    private static readonly string Experiment = Cli.Config("experiments/pbr-vs-block.yaml");

    [Theory]
    [InlineData("worker --seed-node nothost", "--seed-node: 'nothost' is not HOST:PORT; e.g. 127.0.0.1:4053")]
    [InlineData("worker --seed-node 127.0.0.1:70000", "--seed-node: '70000' in '127.0.0.1:70000' is not a port; allowed: 1 to 65535")]
    [InlineData("worker --seed-node 127.0.0.1:4053 --listen 127.0.0.1:x", "--listen: 'x' in '127.0.0.1:x' is not a port; allowed: 0 to 65535")]
    [InlineData("worker --seed-node 127.0.0.1:4053 --store sqlite", "--store: a worker needs a store every node can reach: postgres:CONNECTION-STRING or none, not sqlite:runs/economysim.db")]
    [InlineData("experiment EXPERIMENT --cluster 127.0.0.1:4053", "--cluster: the workers need a store every node can reach: --store postgres:CONNECTION-STRING, or --store none; not sqlite:runs/economysim.db")]
    [InlineData("experiment EXPERIMENT --cluster 127.0.0.1:4053 --store none --parallel 2", "--parallel: with --cluster each worker decides how many replications it runs at once")]
    [InlineData("experiment EXPERIMENT --cluster 127.0.0.1:4053 --store none --dashboard", "--cluster: --dashboard, --prometheus, --otlp, --telemetry-console and --pace watch runs in this process")]
    [InlineData("experiment EXPERIMENT --cluster 127.0.0.1:4053 --store none --history-cadence phase", "--history-cadence: with --cluster the workers write each replication's history once a simulated year; phase is for replications run in this process")]
    [InlineData("run SCENARIO --sharded --store none", "--sharded: name the cluster whose workers hold the organisations with --cluster HOST:PORT")]
    [InlineData("run SCENARIO --cluster 127.0.0.1:4053 --store none", "--cluster: a run is spread over a cluster organisation by organisation with --sharded")]
    [InlineData("run SCENARIO --cluster 127.0.0.1:4053 --sharded", "--sharded: the workers need a store every node can reach")]
    public void A_bad_cluster_flag_exits_two_naming_the_flag_and_what_is_allowed(string command, string message)
    {
        var args = command.Replace("EXPERIMENT", Experiment).Replace("SCENARIO", Scenario).Split(' ');
        var result = Cli.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}

public sealed class StoreHelpTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("worker")]
    public void Help_shows_the_default_store_as_written_with_its_password_hidden(string command)
    {
        var result = Cli.Run([command, "--help"], new Dictionary<string, string> { ["ECONOMYSIM_STORE"] = "postgres:Host=db.example;Username=me;Password=hunter2" });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[default: postgres:Host=db.example;Username=me;Password=***]", result.Stdout);
        Assert.DoesNotContain("hunter2", result.Stdout);
    }
}
