using EconomySim.History;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>One replication of one variant: an ordinary run with its own id and seed.</summary>
public sealed record ReplicationRun(string Variant, int Replication, long Seed, string RunId, RunResult Result);

/// <summary>Every run of an experiment, in (variant, replication) order whatever order they finished in.</summary>
public sealed record ExperimentRuns(ExperimentDocument Experiment, IReadOnlyList<ReplicationRun> Runs, double WallSeconds)
{
    public IReadOnlyList<ReplicationRun> Of(string variant) => Runs.Where(r => r.Variant == variant).OrderBy(r => r.Replication).ToList();
}

/// <summary>A replication about to run: what a caller needs to watch it (telemetry, a live dashboard).</summary>
public sealed record ReplicationStart(string Variant, int Replication, long Seed, string RunId, EconomyDefinition Economy);

/// <summary>Progress after each finished run, for a progress bar.</summary>
public sealed record ExperimentProgress(int RunsDone, int RunCount, string LastRunId);

/// <summary>
/// Runs every variant of an experiment times its replications, several at once on one actor system (each run has its own
/// clock), with common random numbers: replication r uses the same seed under every variant.
/// </summary>
public static class ExperimentRunner
{
    /// <param name="parallelRuns">How many runs at once; by default the cores at hand.</param>
    /// <param name="runCompleted">
    /// Called once per finished run, with the run as any other run would report it. This is where a run store is passed
    /// in (each replication is an ordinary run, so histories persist and compare like any run's).
    /// </param>
    /// <param name="persist">Keep each run's history in the actor system's journal (the store it was configured with).</param>
    /// <param name="watch">How to watch each run (an observer, a pace); none of it changes a run.</param>
    public static async Task<ExperimentRuns> RunAsync(ActorSystem system, ExperimentDocument experiment, int? parallelRuns = null,
        Action<ExperimentProgress>? progress = null, Func<ReplicationRun, Task>? runCompleted = null, CancellationToken cancellationToken = default,
        bool persist = false, Func<ReplicationStart, RunOptions>? watch = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(experiment);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var economies = experiment.Variants.ToDictionary(v => v.Name, v => EconomyGenerator.Build(v.Scenario, experiment.RunYears));
        var plan = (from v in experiment.Variants
                    from r in Enumerable.Range(0, experiment.Replications)
                    select (Variant: v.Name, Replication: r)).ToList();
        using var gate = new SemaphoreSlim(Math.Max(1, parallelRuns ?? Environment.ProcessorCount));
        var done = 0;
        var tasks = plan.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var seed = experiment.SeedOf(item.Replication);
                var runId = experiment.RunIdOf(item.Variant, item.Replication);
                // Replications are new runs: the registry refuses an experiment whose run ids already exist.
                var options = (watch?.Invoke(new ReplicationStart(item.Variant, item.Replication, seed, runId, economies[item.Variant])) ?? RunOptions.None) with { NewHistory = true };
                var result = await SimulationEngine.RunAsync(system, economies[item.Variant], seed, runId, options, cancellationToken, persist);
                var run = new ReplicationRun(item.Variant, item.Replication, seed, runId, result);
                if (runCompleted is not null) await runCompleted(run);
                progress?.Invoke(new ExperimentProgress(Interlocked.Increment(ref done), plan.Count, runId));
                return run;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var runs = await Task.WhenAll(tasks);
        return new ExperimentRuns(experiment, runs.OrderBy(r => experiment.Variants.ToList().FindIndex(v => v.Name == r.Variant)).ThenBy(r => r.Replication).ToList(),
            started.Elapsed.TotalSeconds);
    }
}
