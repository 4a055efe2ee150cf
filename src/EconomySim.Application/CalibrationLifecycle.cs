using EconomySim.Cluster;
using EconomySim.Designs.Calibration;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
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
/// the same choices and writes the same sample wherever its runs went. With a store, each wave's runs are registered
/// before they start, as an experiment's replications are: under the calibration's experiment name, with the wave (or
/// generation) as the variant, the point as the design point with its values, so the commands that read a stored
/// experiment read a calibration too.
/// </summary>
public static class CalibrationLifecycle
{
    /// <summary>Runs the waves in this process, several runs at once on one actor system.</summary>
    /// <param name="parallel">How many runs at once; by default the cores at hand.</param>
    /// <param name="watch">How to watch each run of a wave (an observer, a pace); none of it changes a run.</param>
    public static async Task<CalibrationResult> RunAsync(CalibrationJob job, HistoryStore store, int? parallel, Func<CalibrationRound, ReplicationStart, RunOptions>? watch,
        bool verbose, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(store);
        var ledger = await LedgerAsync(job, store);
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation);
        var run = Calibration.InProcess(session.System, parallel, Completion(ledger, cancellation), store.Persists, watch);
        return await SearchAsync(job, Recorded(job, store, ledger, run), cancellation);
    }

    /// <summary>
    /// Hands each wave's runs to the workers of the cluster this node joins, as an experiment's replications are handed
    /// out; this process only chooses the points, judges them and keeps the registry.
    /// </summary>
    /// <param name="warn">Told about workers that cannot take the calibration's work.</param>
    public static async Task<CalibrationResult> RunOnClusterAsync(CalibrationJob job, HistoryStore store, ClusterNodeOptions node, bool verbose, Action<string> warn,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(store);
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation, b => b.WithEconomySimCluster(node));
        await ClusterWorkers.FindAsync(session.System, node, cancellation);
        var ledger = await LedgerAsync(job, store);
        if (store.Persists) await StoreWarmup.PrepareAsync(session.System, store.Display, cancellation);
        var completed = Completion(ledger, CancellationToken.None);
        WaveRunner onWorkers = (wave, points, _, progress, token) =>
            ClusteredExperiment.RunAsync(session.System, wave, store.Display, completed, progress, warn, token, points);
        return await SearchAsync(job, Recorded(job, store, ledger, onWorkers), cancellation);
    }

    /// <summary>The runs of a wave as the registry groups them: "wave 2", or "generation 3 batch 2" (an ABC generation's batches are told apart).</summary>
    public static string WaveName(string unit, CalibrationRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return unit == "wave" ? $"wave {round.Number}" : $"{unit} {round.Number} batch {round.Batch}";
    }

    /// <summary>The store's ledger, refused before anything runs when the store already holds runs under the calibration's name.</summary>
    private static async Task<RunLedger> LedgerAsync(CalibrationJob job, HistoryStore store)
    {
        var ledger = await RunLedger.OpenAsync(store);
        if (await ledger.HoldsRunsOfAsync(job.Experiment.Name))
            throw new UsageException($"{store.Display} already holds runs of an experiment or calibration named '{job.Experiment.Name}'; rename it (experiment.name), or use --store none or another store");
        return ledger;
    }

    private static Func<ReplicationRun, Task>? Completion(RunLedger ledger, CancellationToken cancellation) =>
        ledger.Keeps ? run => ledger.CompleteAsync(run.RunId, run.Result, cancellation) : null;

    /// <summary>Each wave's runs registered before they start; those a failure or a stop left unfinished are marked so.</summary>
    private static WaveRunner Recorded(CalibrationJob job, HistoryStore store, RunLedger ledger, WaveRunner run) => !ledger.Keeps ? run : async (wave, points, round, progress, cancellation) =>
    {
        var name = job.Experiment.Name;
        var variant = WaveName(job.Unit, round);
        // The calibration runs its own points, not the file's design, so no design is kept for `analyse` to read.
        var options = RunRecordOptions.ForExperiment(wave, store, HistoryCadence.Year) with { Design = null };
        var plan = ExperimentRunner.Plan(wave, points);
        await ledger.RegisterNewAsync(plan.Select(p => wave.RunIdOf(p.Variant.Name, p.Replication, p.Point)).ToList(),
            () => ExperimentLifecycle.Records(wave, plan, options).Select(r => r with { Experiment = name, Variant = variant }),
            clash => $"a run '{clash}' of calibration '{name}' already exists in {store.Display}; rename it (experiment.name), or use --store none or another store");
        try
        {
            return await run(wave, points, round, progress, cancellation);
        }
        catch (Exception e) when (e is RunFailedException or OperationCanceledException)
        {
            var raise = await ledger.EndUnfinishedAsync(name, e, cancellation);
            if (raise != e) throw raise;
            throw;
        }
    };

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
