using EconomySim.Cluster;
using EconomySim.Designs.Calibration;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Application;

/// <summary>A calibration search to run: the experiment's space and replications, the targets, and how to report it as it goes.</summary>
/// <param name="Variant">The variant calibrated (the experiment's base): its overrides hold at every point.</param>
/// <param name="Progress">Shows each wave's runs as they finish (a progress bar); null shows nothing.</param>
/// <param name="RunDone">Told after each finished run, with its wave, for a live view of the search.</param>
/// <param name="StepDone">Told after each wave or generation, with what it kept.</param>
public sealed record CalibrationJob(ExperimentDocument Experiment, ExperimentVariant Variant, IReadOnlyList<CalibrationYear> Targets, CalibrationSettings Settings,
    IProgressView? Progress = null, Action<CalibrationRound, ExperimentProgress>? RunDone = null, Action<CalibrationStep>? StepDone = null)
{
    /// <summary>"wave" for history matching, "generation" for ABC.</summary>
    public string Unit => Settings.Method == CalibrationMethod.HistoryMatching ? "wave" : "generation";
}

/// <summary>
/// Runs a calibration search with its points' runs in this process or on the workers of a cluster. Either way each
/// point times each replication is the experiment runner's run, with the same id, seed and result, so the search makes
/// the same choices and writes the same sample wherever its runs went.
/// </summary>
public static class CalibrationLifecycle
{
    /// <summary>Runs the waves in this process, several runs at once on one actor system.</summary>
    /// <param name="parallel">How many runs at once; by default the cores at hand.</param>
    /// <param name="watch">How to watch each run of a wave (an observer, a pace); none of it changes a run.</param>
    public static async Task<CalibrationResult> RunAsync(CalibrationJob job, int? parallel, Func<CalibrationRound, ReplicationStart, RunOptions>? watch, bool verbose,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var session = await EngineSession.StartAsync(HistoryStore.None, verbose, cancellation);
        return await SearchAsync(job, Calibration.InProcess(session.System, parallel, watch: watch), cancellation);
    }

    /// <summary>
    /// Hands each wave's runs to the workers of the cluster this node joins, as an experiment's replications are handed
    /// out; this process only chooses the points and judges them.
    /// </summary>
    /// <param name="warn">Told about workers that cannot take the calibration's work.</param>
    public static async Task<CalibrationResult> RunOnClusterAsync(CalibrationJob job, ClusterNodeOptions node, bool verbose, Action<string> warn,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var session = await EngineSession.StartAsync(HistoryStore.None, verbose, cancellation, b => b.WithEconomySimCluster(node));
        WaveRunner onWorkers = (wave, points, _, progress, token) =>
            ClusteredExperiment.RunAsync(session.System, wave, HistoryStore.None.Display, runCompleted: null, progress, warn, token, points);
        return await SearchAsync(job, onWorkers, cancellation);
    }

    private static Task<CalibrationResult> SearchAsync(CalibrationJob job, WaveRunner run, CancellationToken cancellation)
    {
        var space = job.Experiment.Space ?? throw new ArgumentException($"experiment '{job.Experiment.Name}' has no parameters to calibrate", nameof(job));
        var simulator = Calibration.Simulator(job.Experiment, job.Variant, job.Targets, Watched(job, run));
        return CalibrationSearch.RunAsync(job.Targets.Select(t => t.Target).ToList(), space.Dimension, space.ValueAt, job.Settings, simulator, job.StepDone, cancellation);
    }

    /// <summary>The wave's runs, reported as they finish to the job's progress bar and its live view.</summary>
    private static WaveRunner Watched(CalibrationJob job, WaveRunner run) => async (wave, points, round, _, cancellation) =>
    {
        void Report(ExperimentProgress p) => job.RunDone?.Invoke(round, p);
        if (job.Progress is null) return await run(wave, points, round, Report, cancellation);
        var total = points.Count * wave.Replications;
        var batch = round.Batch > 1 ? $", batch {round.Batch}" : "";
        return await job.Progress.ShowAsync($"{job.Unit} {round.Number} of {job.Settings.Waves}{batch}: {total} runs", total, report =>
            run(wave, points, round, p =>
            {
                report(p.RunsDone, null);
                Report(p);
            }, cancellation));
    };
}
