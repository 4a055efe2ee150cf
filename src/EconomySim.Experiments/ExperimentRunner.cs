using System.Runtime.ExceptionServices;
using EconomySim.History;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>One replication of one variant (at one design point, when the experiment has a design): an ordinary run with its own id and seed.</summary>
public sealed record ReplicationRun(string Variant, int Replication, long Seed, string RunId, RunResult Result, DesignPoint? Point = null);

/// <summary>Every run of an experiment, in (variant, design point, replication) order whatever order they finished in.</summary>
public sealed record ExperimentRuns(ExperimentDocument Experiment, IReadOnlyList<ReplicationRun> Runs, double WallSeconds)
{
    public IReadOnlyList<ReplicationRun> Of(string variant) => Runs.Where(r => r.Variant == variant).OrderBy(r => r.Point?.Index ?? 0).ThenBy(r => r.Replication).ToList();
}

/// <summary>A replication about to run: what a caller needs to watch it (telemetry, a live dashboard).</summary>
public sealed record ReplicationStart(string Variant, int Replication, long Seed, string RunId, EconomyDefinition Economy, DesignPoint? Point = null);

/// <summary>Progress after each finished run, for a progress bar.</summary>
public sealed record ExperimentProgress(int RunsDone, int RunCount, string LastRunId);

/// <summary>One run to make: a variant, at a design point or none, and a replication.</summary>
public sealed record PlannedRun(ExperimentVariant Variant, DesignPoint? Point, int Replication);

/// <summary>
/// Runs every variant of an experiment at every design point times its replications, several at once on one actor
/// system (each run has its own clock), with common random numbers: replication r uses the same seed under every
/// variant and at every point.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>
    /// Every run in order: variant, then design point, then replication, so the runs of one arm are next to one another
    /// and its economy can be let go as soon as they are done.
    /// </summary>
    /// <param name="points">Points to run instead of the experiment's own (a calibration wave); null runs the experiment's.</param>
    public static IReadOnlyList<PlannedRun> Plan(ExperimentDocument experiment, IReadOnlyList<DesignPoint>? points = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var given = points ?? experiment.Points;
        var at = given.Count > 0 ? given.Select(p => (DesignPoint?)p).ToList() : [null];
        return (from v in experiment.Variants
                from point in at
                from r in Enumerable.Range(0, experiment.Replications)
                select new PlannedRun(v, point, r)).ToList();
    }

    /// <summary>The scenario an arm runs: the variant's own, or with the design point's values set over it.</summary>
    public static ScenarioDocument ScenarioOf(ExperimentDocument experiment, ExperimentVariant variant, DesignPoint? point) =>
        point is null ? variant.Scenario : ExperimentArms.ScenarioOf(experiment, variant, point.Values);

    /// <param name="parallelRuns">How many runs at once; by default the cores at hand.</param>
    /// <param name="runCompleted">
    /// Called once per finished run, with the run as any other run would report it. This is where a run store is passed
    /// in (each replication is an ordinary run, so histories persist and compare like any run's).
    /// </param>
    /// <param name="persist">Keep each run's history in the actor system's journal (the store it was configured with).</param>
    /// <param name="watch">How to watch each run (an observer, a pace); none of it changes a run.</param>
    /// <param name="points">Design points to run instead of the experiment's own (a calibration wave chooses its own); null runs the experiment's.</param>
    public static async Task<ExperimentRuns> RunAsync(ActorSystem system, ExperimentDocument experiment, int? parallelRuns = null,
        Action<ExperimentProgress>? progress = null, Func<ReplicationRun, Task>? runCompleted = null, CancellationToken cancellationToken = default,
        bool persist = false, Func<ReplicationStart, RunOptions>? watch = null, IReadOnlyList<DesignPoint>? points = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(experiment);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var plan = Plan(experiment, points);
        var economies = new ArmEconomies(experiment, plan);
        var next = -1;
        var done = 0;
        var runs = new ReplicationRun?[plan.Count];
        var failures = new ExceptionDispatchInfo?[plan.Count];
        var workers = Math.Max(1, Math.Min(parallelRuns ?? Environment.ProcessorCount, plan.Count));
        var lanes = RunLanes.Count(system);
        // Workers take the runs in plan order, so only the arms being run hold an economy, however large the design.
        // Several at once, each worker's runs keep to a lane of their own: a run spread over every core would only
        // contend with the other workers' runs for them.
        async Task Work(int worker)
        {
            var dispatcher = workers > 1 && lanes > 0 ? RunLanes.Dispatcher(worker % lanes) : null;
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var item = plan[i];
                var seed = experiment.SeedOf(item.Replication);
                var runId = experiment.RunIdOf(item.Variant.Name, item.Replication, item.Point);
                try
                {
                    var economy = economies.Take(item);
                    // Replications are new runs: the registry refuses an experiment whose run ids already exist.
                    var options = (watch?.Invoke(new ReplicationStart(item.Variant.Name, item.Replication, seed, runId, economy, item.Point)) ?? RunOptions.None) with
                    {
                        NewHistory = true,
                        Dispatcher = dispatcher,
                    };
                    var result = await SimulationEngine.RunAsync(system, economy, seed, runId, options, cancellationToken, persist);
                    var run = new ReplicationRun(item.Variant.Name, item.Replication, seed, runId, result, item.Point);
                    if (runCompleted is not null) await runCompleted(run);
                    runs[i] = run;
                    progress?.Invoke(new ExperimentProgress(Interlocked.Increment(ref done), plan.Count, runId));
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A replication that fails does not stop the others: which runs finish must not depend on how many
                    // ran at once. The first failure in plan order is raised once every run has ended.
                    failures[i] = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    economies.Release(item);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => Work(w), CancellationToken.None)));
        failures.FirstOrDefault(f => f is not null)?.Throw();
        // The plan's order is (variant, point, replication): the order results are read in, whatever order they finished in.
        return new ExperimentRuns(experiment, runs.Select(r => r!).ToList(), started.Elapsed.TotalSeconds);
    }
}
