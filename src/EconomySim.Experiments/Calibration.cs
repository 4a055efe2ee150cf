using Akka.Actor;
using EconomySim.Designs.Calibration;
using EconomySim.Engine;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>
/// Runs one wave's (or one ABC batch's) points times the experiment's replications, wherever they run: in this process
/// or on a cluster's workers. Either way the runs are the experiment runner's: the same ids, seeds and results.
/// </summary>
/// <param name="wave">The experiment as this wave runs it: named for the wave, so its run ids are its own, with the calibrated variant alone.</param>
/// <param name="points">The points the search chose, with their parameter values.</param>
/// <param name="round">The wave or generation, and the batch within it.</param>
/// <param name="progress">Told after each finished run, for a progress bar; may be null.</param>
public delegate Task<ExperimentRuns> WaveRunner(ExperimentDocument wave, IReadOnlyList<DesignPoint> points, CalibrationRound round,
    Action<ExperimentProgress>? progress, CancellationToken cancellationToken);

/// <summary>
/// Evaluates the points a calibration search chooses with the experiment runner: each point times each replication is
/// an ordinary run of the calibrated variant with the point's parameter values set as overrides (bound and validated
/// like any override), and replication r has the experiment's seed r at every point (common random numbers), so the
/// search compares points rather than noise.
/// </summary>
public static class Calibration
{
    /// <summary>The runs of one wave in this process, several at once on one actor system.</summary>
    /// <param name="runCompleted">Called once per finished run (to record it in a store).</param>
    /// <param name="persist">Keep each run's history in the actor system's journal.</param>
    /// <param name="watch">How to watch each run of a wave (an observer, a pace); none of it changes a run.</param>
    public static WaveRunner InProcess(ActorSystem system, int? parallelRuns = null, Func<ReplicationRun, Task>? runCompleted = null, bool persist = false,
        Func<CalibrationRound, ReplicationStart, RunOptions>? watch = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        return (wave, points, round, progress, cancellation) => ExperimentRunner.RunAsync(system, wave, parallelRuns, progress, runCompleted, cancellation, persist,
            watch is null ? null : start => watch(round, start), points);
    }

    /// <summary>The experiment as one wave (or one ABC batch) runs it: named for the wave, so no two runs of a calibration share an id.</summary>
    public static ExperimentDocument WaveOf(ExperimentDocument experiment, ExperimentVariant variant, CalibrationRound round)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(round);
        return experiment with { Name = $"{experiment.Name}-w{round.Number}b{round.Batch}", Variants = [variant] };
    }

    /// <param name="experiment">An experiment with a parameter space; its replications are the runs per point.</param>
    /// <param name="variant">The variant calibrated: its overrides hold at every point.</param>
    /// <param name="run">Where the wave's runs go: <see cref="InProcess"/>, or a cluster's workers.</param>
    public static BatchSimulator Simulator(ExperimentDocument experiment, ExperimentVariant variant, IReadOnlyList<CalibrationYear> targets, WaveRunner run)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(run);
        var space = experiment.Space ?? throw new ArgumentException($"experiment '{experiment.Name}' has no parameters to calibrate", nameof(experiment));
        return async (unitPoints, round, cancellation) =>
        {
            var points = unitPoints.Select((unit, i) => new DesignPoint(i, unit, space.ValuesAt(unit))).ToList();
            var runs = await run(WaveOf(experiment, variant, round), points, round, null, cancellation);
            var byPoint = runs.Runs.ToLookup(r => r.Point!.Index);
            IReadOnlyList<PointRuns> gathered = points
                .Select(p => CalibrationTargets.Gather(targets, byPoint[p.Index].OrderBy(r => r.Replication).Select(r => r.Result.Outcomes).ToList()))
                .ToList();
            return gathered;
        };
    }
}
