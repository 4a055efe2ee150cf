using System.Diagnostics;
using EconomySim.Testing;

namespace EconomySim.Cli.Tests;

// How a cluster shares out its work between commands and workers: a worker's --parallel holds for every experiment it
// serves, a worker that cannot take a run's work is named and given none, a command that finds no cluster says so
// within a bound and leaves the store as it was, and three workers survive the loss of any one.
public sealed partial class ClusterTests
{
    private string Store => "postgres:" + postgres.ConnectionString;

    /// <summary>The most replications a worker's own log shows running at once, and the runs it started.</summary>
    private static (int MostAtOnce, List<string> Started) Replications(ClusterProcess worker)
    {
        var (running, most, started) = (0, 0, new List<string>());
        foreach (var line in worker.Lines)
        {
            if (line.StartsWith("started ", StringComparison.Ordinal))
            {
                started.Add(line.Split(' ')[1]);
                most = Math.Max(most, ++running);
            }
            else if (line.StartsWith("finished ", StringComparison.Ordinal) || line.StartsWith("failed ", StringComparison.Ordinal)) running--;
        }
        return (most, started);
    }

    [Fact]
    public void Three_experiments_in_a_row_on_the_same_two_workers_never_run_more_than_parallel_at_once_on_either_and_each_shares_the_work()
    {
        var seedPort = FreePort.OnLoopback();
        using var first = ClusterProcess.Worker(seedPort, "none", seedPort, parallel: 2, Bound);
        using var second = ClusterProcess.Worker(seedPort, "none", null, parallel: 2, Bound);

        foreach (var name in new[] { "slots-a", "slots-b", "slots-c" })
        {
            var result = Cli.Run("experiment", Experiment(name, replications: 4, expect: ElectivesClause), "--cluster", $"127.0.0.1:{seedPort}", "--store", "none", "--json");
            Assert.True(result.ExitCode == 0, result.Stderr);
            // Both workers had free slots when the experiment began, so both took part of it.
            Assert.Contains(Replications(first).Started, id => id.StartsWith(name + "-", StringComparison.Ordinal));
            Assert.Contains(Replications(second).Started, id => id.StartsWith(name + "-", StringComparison.Ordinal));
        }
        // Counted from each worker's own log over its whole life: never more than its --parallel.
        foreach (var worker in new[] { first, second })
        {
            var (most, started) = Replications(worker);
            Assert.True(most <= 2, $"{most} replications at once:\n{worker.Stdout}");
            Assert.Equal(started.Count, started.Distinct().Count());
        }
        Assert.Equal(24, Replications(first).Started.Count + Replications(second).Started.Count);
    }

    [Fact]
    public void An_experiment_on_a_cluster_where_nothing_listens_gives_up_after_its_join_wait_in_one_line_and_registers_nothing()
    {
        var path = Experiment("nobody-there", replications: 2, expect: ElectivesClause);
        var nowhere = $"127.0.0.1:{FreePort.OnLoopback()}";
        var clock = Stopwatch.StartNew();
        var result = Cli.Run("experiment", path, "--cluster", nowhere, "--join-wait", "5", "--store", Store, "--json");
        // The wait counts from the moment the node has started. Beside the rest of this suite on the same two cores,
        // the command's start and its actor system's shutdown have taken over ten seconds, so the bound leaves them
        // twenty: it still fails a command that ignores --join-wait and waits its default minute.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed.TotalSeconds:0} s");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(5), $"gave up after {clock.Elapsed.TotalSeconds:0} s, before its wait was over");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"economysim: --cluster: could not join the cluster through {nowhere} within 5 s (--join-wait); is a worker listening there?", result.Stderr.Trim());

        // Nothing was registered, so the same file runs once there is a cluster.
        var runs = Cli.Run("runs", "--store", Store, "--json");
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        Assert.DoesNotContain(runs.Json.EnumerateArray(), r => r.GetProperty("run_id").GetString()!.StartsWith("nobody-there-", StringComparison.Ordinal));
        var seedPort = FreePort.OnLoopback();
        using var worker = ClusterProcess.Worker(seedPort, Store, seedPort, parallel: 2, Bound);
        var again = Cli.Run("experiment", path, "--cluster", $"127.0.0.1:{seedPort}", "--store", Store, "--json");
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    [Fact]
    public void A_worker_whose_seed_nodes_do_not_answer_gives_up_after_its_join_wait_in_one_line()
    {
        var nowhere = $"127.0.0.1:{FreePort.OnLoopback()}";
        var clock = Stopwatch.StartNew();
        var result = Cli.Run("worker", "--seed-node", nowhere, "--join-wait", "3", "--store", "none");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"economysim: --seed-node: could not join the cluster through {nowhere} within 3 s (--join-wait); is a node listening there?", result.Stderr.Trim());
    }

    [Fact]
    public void A_sharded_run_with_a_worker_on_another_store_is_refused_at_once_naming_the_worker_and_is_never_called_a_store_failure()
    {
        var seedPort = FreePort.OnLoopback();
        using var right = ClusterProcess.Worker(seedPort, Store, seedPort, parallel: 1, Bound);
        using var wrong = ClusterProcess.Worker(seedPort, "none", null, parallel: 1, Bound);
        var wrongAt = $"127.0.0.1:{wrong.WorkerPort}";

        var clock = Stopwatch.StartNew();
        var sharded = Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "2", "--cluster", $"127.0.0.1:{seedPort}", "--sharded", "--store", Store,
            "--run-id", "wrong-store", "--json");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"refused after {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal(2, sharded.ExitCode);
        var line = Assert.Single(sharded.Stderr.Trim().Split('\n'));
        Assert.Contains($"worker {wrongAt} writes to store none, not {Engine.Persistence.HistoryStore.Parse(Store).Display}", line);
        Assert.DoesNotContain("store failed", line);

        // The worker says why it was given nothing; neither worker took an organisation.
        wrong.WaitForLine(l => l.StartsWith($"worker {wrongAt} writes to store none", StringComparison.Ordinal) && l.Contains("given no work", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "saying why it was given no work");
        Assert.DoesNotContain(wrong.Lines, l => l.StartsWith("holding organisations", StringComparison.Ordinal));
        Assert.DoesNotContain(right.Lines, l => l.StartsWith("holding organisations", StringComparison.Ordinal));
    }

    [Fact]
    public void Three_workers_naming_one_another_as_seeds_finish_an_experiment_whose_first_seed_is_killed_with_identical_results_and_the_seed_rejoins_when_restarted()
    {
        var ports = new List<int>();
        while (ports.Count < 3)
        {
            var port = FreePort.OnLoopback();
            if (!ports.Contains(port)) ports.Add(port);
        }
        static string[] Seeds(IEnumerable<int> order) => [.. order.SelectMany(p => new[] { "--seed-node", $"127.0.0.1:{p}" })];
        ClusterProcess Node(int port, string[] seeds, string store = "none")
        {
            return new ClusterProcess(["worker", .. seeds, "--listen", $"127.0.0.1:{port}", "--parallel", "1", "--store", store])
                .Up(l => l.StartsWith($"worker up at 127.0.0.1:{port}, ", StringComparison.Ordinal), Bound);
        }
        using var seed = Node(ports[0], Seeds(ports));
        using var second = Node(ports[1], Seeds(ports));
        using var third = Node(ports[2], Seeds(ports));
        string[] cluster = [.. ports.SelectMany(p => new[] { "--cluster", $"127.0.0.1:{p}" })];

        // England for six years a replication, so the seed is killed while its first replication is still running: a
        // worker's first run of it takes a second or more, where Cambridgeshire and Peterborough's took tens of
        // milliseconds and was once over before the kill reached the seed.
        var path = Experiment("seed-lost", replications: 3, years: 6, expect: ElectivesClause, scenario: "england.yaml");
        using var coordinator = new ClusterProcess(["experiment", path, .. cluster, "--store", "none", "--json"]);
        var victim = seed.WaitForLine(l => l.StartsWith("started ", StringComparison.Ordinal), Bound, "saying a replication started").Split(' ')[1];
        seed.Kill();
        Assert.DoesNotContain($"finished {victim}", seed.Stdout);

        var clustered = coordinator.Finish(Bound);
        Assert.True(clustered.ExitCode == 0, clustered.Stderr);
        var single = Cli.Run("experiment", path, "--store", "none", "--json");
        Assert.True(single.ExitCode == 0, single.Stderr);
        Assert.Equal(Figures(single), Figures(clustered));
        // The seed's replication was run again by one of the two others, which both stayed in the cluster.
        Assert.Contains(second.Lines.Concat(third.Lines), l => l == $"started {victim} (attempt 2)");
        Assert.DoesNotContain("removed from the cluster", second.Errors + third.Errors);

        // Restarted naming the others first, the first seed can only join their cluster, never start one of its own
        // (a node first in its own list starts a cluster when the others are slow to answer). It alone writes to the
        // experiment's store, so the other two are refused its work: an experiment that reaches the cluster through the
        // second node finishes only because the restarted seed is in that cluster, and it runs every replication. (Were
        // all three fit, which of them took the few short runs would be a race, not a property of the cluster.)
        using var restarted = Node(ports[0], Seeds([ports[1], ports[2], ports[0]]), Store);
        // Were the seed in a cluster of its own, the experiment would wait for a worker it may use, saying why it gives
        // the other two nothing: the bound ends that wait with everything the experiment said.
        using var again = new ClusterProcess(["experiment", Experiment("seed-back", replications: 2, expect: ElectivesClause), "--cluster", $"127.0.0.1:{ports[1]}",
            "--store", Store, "--json"]);
        var experiment = again.Finish(Bound);
        Assert.True(experiment.ExitCode == 0, $"restarted:\n{restarted.Stdout}\n{restarted.Errors}\nexperiment:\n{experiment.Stderr}");
        var runIds = RunIds(experiment);
        Assert.Equal(4, runIds.Count);
        foreach (var runId in runIds)
            restarted.WaitForLine(l => l.StartsWith($"finished {runId} digest ", StringComparison.Ordinal), Bound, $"saying it finished {runId}");
        Assert.DoesNotContain(second.Lines.Concat(third.Lines), l => l.StartsWith("started seed-back-", StringComparison.Ordinal));
    }
}
