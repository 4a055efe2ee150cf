using System.Diagnostics;
using System.Threading.Channels;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Cluster;

/// <summary>
/// An experiment whose replications run on the workers of a cluster. Its result is the one ExperimentRunner gives in
/// one process: the same runs, each with the same seed, id, digest and outcome table, in the same order.
/// </summary>
public static class ClusteredExperiment
{
    /// <summary>
    /// What the coordinator hands out: every (variant, design point, replication), each with the text of its scenario
    /// (the point's values set over the variant) and the point's index and values.
    /// </summary>
    /// <param name="points">Points to run instead of the experiment's own (a calibration wave); null runs the experiment's.</param>
    public static IReadOnlyList<ReplicationAssigned> Plan(ExperimentDocument experiment, IReadOnlyList<DesignPoint>? points = null)
    {
        var plan = new List<ReplicationAssigned>();
        foreach (var arm in ExperimentRunner.Plan(experiment, points).GroupBy(p => (p.Variant, p.Point)))
        {
            var (variant, point) = arm.Key;
            var scenario = ExperimentRunner.ScenarioOf(experiment, variant, point);
            var sources = StoredScenario.Pack(scenario);
            plan.AddRange(arm.Select(p => new ReplicationAssigned(experiment.Name, variant.Name, p.Replication, experiment.SeedOf(p.Replication),
                experiment.RunIdOf(variant.Name, p.Replication, point), experiment.RunYears, scenario.Path, sources, 1, point?.Index, point?.Values.ToArray(), experiment.Scale)));
        }
        return plan;
    }

    /// <param name="store">The store the workers must write to, in its display form.</param>
    /// <param name="runCompleted">Called once per replication, when its first result arrives.</param>
    /// <param name="warn">Told about workers that cannot take the experiment's work.</param>
    /// <param name="points">Points to run instead of the experiment's own (a calibration wave); null runs the experiment's.</param>
    public static async Task<ExperimentRuns> RunAsync(ActorSystem system, ExperimentDocument experiment, string store,
        Func<ReplicationRun, Task>? runCompleted, Action<ExperimentProgress>? progress, Action<string> warn, CancellationToken cancellation,
        IReadOnlyList<DesignPoint>? points = null)
    {
        var started = Stopwatch.StartNew();
        var plan = Plan(experiment, points);
        var pointsByIndex = (points ?? experiment.Points).ToDictionary(p => p.Index);
        var byRunId = plan.ToDictionary(p => p.RunId);
        var results = Channel.CreateUnbounded<ReplicationDone>(new UnboundedChannelOptions { SingleReader = true });
        var coordinator = system.ActorOf(ExperimentCoordinator.Props(plan, CodeVersion.Current, store, results.Writer, warn), ClusterHosting.CoordinatorName);
        try
        {
            var runs = new List<ReplicationRun>(plan.Count);
            await foreach (var done in results.Reader.ReadAllAsync(cancellation))
            {
                var assignment = byRunId[done.RunId];
                var run = new ReplicationRun(assignment.Variant, assignment.Replication, assignment.Seed, done.RunId, Result(assignment, done),
                    assignment.Point is { } p ? pointsByIndex[p] : null);
                if (runCompleted is not null) await runCompleted(run);
                runs.Add(run);
                progress?.Invoke(new ExperimentProgress(runs.Count, plan.Count, done.RunId));
            }
            var order = experiment.Variants.Select(v => v.Name).ToList();
            return new ExperimentRuns(experiment, runs.OrderBy(r => order.IndexOf(r.Variant)).ThenBy(r => r.Point?.Index ?? 0).ThenBy(r => r.Replication).ToList(),
                started.Elapsed.TotalSeconds);
        }
        finally
        {
            await coordinator.GracefulStop(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The run as the worker reported it; the yearly table is rebuilt from the monthly one exactly as the engine builds it.</summary>
    public static RunResult Result(ReplicationAssigned assignment, ReplicationDone done) =>
        new(done.RunId, done.Scenario, assignment.Seed, done.Years, done.Organisations, done.Messages, done.Events,
            done.Digest, done.WallSeconds, RunOutcomes.FromTable(done.StartYear, done.Years, done.Ticks), done.Phases, done.PhasesConserved);
}
