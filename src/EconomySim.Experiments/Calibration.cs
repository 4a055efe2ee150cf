using Akka.Actor;
using EconomySim.Designs.Calibration;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>A calibration's point evaluations as ordinary runs, for progress on a terminal.</summary>
/// <param name="Round">The wave or generation, and the batch within it.</param>
public sealed record CalibrationProgress(CalibrationRound Round, int RunsDone, int RunCount);

/// <summary>
/// Evaluates the points a calibration search chooses with the experiment runner: each point times each replication is
/// an ordinary run of the calibrated variant with the point's parameter values set as overrides (bound and validated
/// like any override), and replication r has the experiment's seed r at every point (common random numbers), so the
/// search compares points rather than noise.
/// </summary>
public static class Calibration
{
    /// <param name="experiment">An experiment with a parameter space; its replications are the runs per point.</param>
    /// <param name="variant">The variant calibrated: its overrides hold at every point.</param>
    public static BatchSimulator Simulator(ActorSystem system, ExperimentDocument experiment, ExperimentVariant variant, IReadOnlyList<CalibrationYear> targets,
        int? parallelRuns = null, Action<CalibrationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(targets);
        var space = experiment.Space ?? throw new ArgumentException($"experiment '{experiment.Name}' has no parameters to calibrate", nameof(experiment));
        return async (unitPoints, round, cancellation) =>
        {
            var points = unitPoints.Select((unit, i) => new DesignPoint(i, unit, space.ValuesAt(unit))).ToList();
            // Each wave's runs get ids of their own, so no two runs of a calibration share one.
            var wave = experiment with { Name = $"{experiment.Name}-w{round.Number}b{round.Batch}", Variants = [variant] };
            var runs = await ExperimentRunner.RunAsync(system, wave, parallelRuns, p => progress?.Invoke(new CalibrationProgress(round, p.RunsDone, p.RunCount)),
                cancellationToken: cancellation, points: points);
            var byPoint = runs.Runs.ToLookup(r => r.Point!.Index);
            IReadOnlyList<PointRuns> gathered = points
                .Select(p => CalibrationTargets.Gather(targets, byPoint[p.Index].OrderBy(r => r.Replication).Select(r => r.Result.Outcomes).ToList()))
                .ToList();
            return gathered;
        };
    }
}
