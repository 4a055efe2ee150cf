using EconomySim.Cluster;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Application;

/// <summary>An experiment's runs and its expectations checked against them.</summary>
public sealed record ExperimentOutcome(ExperimentRuns Runs, IReadOnlyList<ExpectationResult> Expectations)
{
    public IReadOnlyList<ExpectationResult> Failed => Expectations.Where(e => !e.Passed).ToList();
}

/// <summary>
/// One experiment from the registration of its replications to its checked expectations. Every replication is
/// registered as an ordinary run, with its experiment, variant and replication and the variant as a scenario of its
/// own, so that listing, showing, resuming and comparing treat it like any run; each is recorded as completed when it
/// finishes, and when the experiment stops, the replications it did not finish are recorded with the reason.
/// </summary>
public sealed class ExperimentLifecycle
{
    private readonly ExperimentDocument _experiment;
    private readonly HistoryStore _store;
    private readonly RunLedger _ledger;

    private ExperimentLifecycle(ExperimentDocument experiment, HistoryStore store, RunLedger ledger) =>
        (_experiment, _store, _ledger) = (experiment, store, ledger);

    /// <summary>
    /// Registers every replication of every variant (at every design point), refused when one of their ids is already
    /// in the store. A run at a design point is registered with the point's own scenario (the variant with the point's
    /// values set), so it can be resumed and compared like any run.
    /// </summary>
    public static async Task<ExperimentLifecycle> RegisterAsync(ExperimentDocument experiment, HistoryStore store, HistoryCadence cadence)
    {
        var ledger = await RunLedger.OpenAsync(store);
        var options = RunRecordOptions.ForExperiment(experiment, store, cadence);
        var plan = ExperimentRunner.Plan(experiment);
        await ledger.RegisterNewAsync(plan.Select(p => experiment.RunIdOf(p.Variant.Name, p.Replication, p.Point)).ToList(),
            () => Records(experiment, plan, options),
            clash => $"a run '{clash}' of experiment '{experiment.Name}' already exists in {store.Display}; rename the experiment (experiment.name), change its seed, or use --store none or another store");
        return new ExperimentLifecycle(experiment, store, ledger);
    }

    /// <summary>The plan's records; an arm's scenario is bound once for all its replications (the plan keeps them together).</summary>
    internal static IEnumerable<RunRecord> Records(ExperimentDocument experiment, IReadOnlyList<PlannedRun> plan, RunRecordOptions options)
    {
        (string, int?)? arm = null;
        var scenario = experiment.Base;
        foreach (var p in plan)
        {
            if (arm != (p.Variant.Name, p.Point?.Index))
            {
                arm = (p.Variant.Name, p.Point?.Index);
                scenario = ExperimentRunner.ScenarioOf(experiment, p.Variant, p.Point);
            }
            yield return RunRecord.ForReplication(experiment, p.Variant, p.Point, scenario, p.Replication, options);
        }
    }

    /// <summary>Runs the replications in this process, several at once on one actor system.</summary>
    /// <param name="parallel">How many runs at once; by default the cores at hand.</param>
    /// <param name="progress">Shown the runs done; null shows nothing.</param>
    /// <param name="watch">How to watch each replication (an observer, a pace, a history cadence).</param>
    public Task<ExperimentOutcome> RunAsync(int? parallel, bool verbose, IProgressView? progress, Func<ReplicationStart, RunOptions>? watch,
        CancellationToken cancellation) => RecordedAsync(cancellation, async () =>
    {
        await using var session = await EngineSession.StartAsync(_store, verbose, cancellation);
        var completed = Completion(cancellation);
        var persist = _store.Persists;
        if (progress is null)
            return await ExperimentRunner.RunAsync(session.System, _experiment, parallel, runCompleted: completed, cancellationToken: cancellation, persist: persist, watch: watch);
        var total = _experiment.RunCount;
        return await progress.ShowAsync($"{_experiment.Name}: {total} runs", total, report =>
            ExperimentRunner.RunAsync(session.System, _experiment, parallel, p => report(p.RunsDone, null), completed, cancellation, persist, watch));
    });

    /// <summary>
    /// Joins the cluster and, once a worker is found, registers the replications and hands them out to the workers;
    /// this process only keeps the registry and gathers the results, which are the ones a single process would have
    /// computed. A cluster that cannot be joined, or has no worker, is refused before anything is registered.
    /// </summary>
    /// <param name="warn">Told about workers that cannot take the experiment's work.</param>
    public static async Task<ExperimentOutcome> RunOnClusterAsync(ExperimentDocument experiment, HistoryStore store, HistoryCadence cadence, ClusterNodeOptions node,
        bool verbose, Action<string> warn, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation, b => b.WithEconomySimCluster(node));
        await ClusterWorkers.FindAsync(session.System, node, cancellation);
        var lifecycle = await RegisterAsync(experiment, store, cadence);
        return await lifecycle.RecordedAsync(cancellation, async () =>
        {
            if (store.Persists) await StoreWarmup.PrepareAsync(session.System, store.Display, cancellation);
            return await ClusteredExperiment.RunAsync(session.System, experiment, store.Display, lifecycle.Completion(CancellationToken.None), progress: null, warn, cancellation);
        });
    }

    private Func<ReplicationRun, Task>? Completion(CancellationToken cancellation) =>
        _ledger.Keeps ? run => _ledger.CompleteAsync(run.RunId, run.Result, cancellation) : null;

    private async Task<ExperimentOutcome> RecordedAsync(CancellationToken cancellation, Func<Task<ExperimentRuns>> run)
    {
        ExperimentRuns runs;
        try
        {
            runs = await run();
        }
        catch (Exception e) when (_ledger.Keeps && e is RunFailedException or OperationCanceledException)
        {
            // Runs that did not finish are marked so, with the reason; finished ones keep their digests.
            var raise = await _ledger.EndUnfinishedAsync(_experiment.Name, e, cancellation);
            if (raise != e) throw raise;
            throw;
        }
        return new ExperimentOutcome(runs, ExperimentAnalysis.CheckAll(runs));
    }
}
