using System.Diagnostics;
using System.Globalization;
using EconomySim.Cluster;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Application;

/// <summary>A run to carry out: its id, scenario and economy, seed and scale, and where and how often its history is written.</summary>
/// <param name="ShardedOver">
/// This node, when the organisations are spread over the workers of its cluster (whose workers rebuild the scenario
/// from the plan); null keeps the whole run in this process.
/// </param>
public sealed record RunPlan(string RunId, ScenarioDocument Scenario, EconomyDefinition Economy, long Seed, int Scale, HistoryStore Store,
    HistoryCadence Cadence = HistoryCadence.Year, ClusterNodeOptions? ShardedOver = null)
{
    /// <summary>The id of a run that is not given one: its scenario, when it started (UTC) and its seed.</summary>
    public static string DefaultId(string scenario, long seed, DateTime startedUtc) =>
        $"{scenario}-{startedUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{seed}";

    public RunRecordOptions Options => RunRecordOptions.ForRun(Economy.Parameters.Years, Scale, Store, Cadence);
}

/// <summary>
/// One run from its registration to its recorded end: registered as running, run, waited for and carried on when its
/// store fails mid-run, and recorded as completed (with its digest), failed, or interrupted, whatever happens. A new
/// run starts with <see cref="RegisterAsync"/>, an interrupted one is taken up with <see cref="ResumeAsync"/>; then
/// <see cref="RunAsync"/> runs it. On a store that keeps nothing, nothing is registered or recorded.
/// </summary>
public sealed class RunLifecycle
{
    private readonly RunLedger _ledger;
    private readonly RunConditions _conditions;
    private readonly bool _newHistory;

    private RunLifecycle(RunPlan plan, RunLedger ledger, RunConditions conditions, bool newHistory) =>
        (Plan, _ledger, _conditions, _newHistory) = (plan, ledger, conditions, newHistory);

    public RunPlan Plan { get; }

    /// <summary>Registers a new run, refused when its id is already in the store.</summary>
    /// <param name="conditions">The run's fault and store wait; by default the environment's, checked before anything is registered.</param>
    public static async Task<RunLifecycle> RegisterAsync(RunPlan plan, RunConditions? conditions = null)
    {
        conditions ??= RunConditions.FromEnvironment(plan.Economy, plan.Store);
        var ledger = await RunLedger.OpenAsync(plan.Store);
        await ledger.RegisterNewAsync([plan.RunId], () => [RunRecord.ForNewRun(plan.RunId, plan.Scenario, plan.Seed, plan.Options)],
            id => $"--run-id: a run '{id}' already exists in {plan.Store.Display}; choose another id, or '{plan.Store.ResumeCommand(id)}' to carry it on");
        return new RunLifecycle(plan, ledger, conditions, newHistory: true);
    }

    /// <summary>
    /// Takes up a stored run that did not complete, to carry it on from its stored history with the scenario, seed and
    /// history cadence it began with. Refused for a run that completed, one still running, one written by other code, or
    /// one another process takes up first.
    /// </summary>
    /// <param name="idOrPrefix">The run's id, or a prefix of it that matches only it.</param>
    public static async Task<RunLifecycle> ResumeAsync(HistoryStore store, string idOrPrefix, RunConditions? conditions = null)
    {
        var registry = await RunLedger.OpenExistingAsync(store);
        var record = await registry.FindAsync(idOrPrefix);
        switch (record.Status)
        {
            case RunStatus.Completed:
                throw new UsageException($"run '{record.RunId}' has already completed (digest {record.Digest}); 'economysim show {record.RunId}' prints it");
            case RunStatus.Running:
                throw new UsageException($"run '{record.RunId}' is still running (process {record.ProcessId} on {record.Host}); stop it before resuming");
        }
        if (record.CodeVersion != CodeVersion.Current)
            throw new UsageException($"run '{record.RunId}' was computed by code version {record.CodeVersion} and this is {CodeVersion.Current}: its history cannot be carried on by different code; start a new run");
        var (scenario, economy) = StoredScenario.Rebuild(record);
        conditions ??= RunConditions.FromEnvironment(economy, store);
        var ledger = RunLedger.Of(registry);
        await ledger.TakeUpAsync(record);
        var recorded = RunRecordOptions.Of(record);
        var plan = new RunPlan(record.RunId, scenario, economy, record.Seed, record.Scale, store, recorded.HistoryCadence);
        return new RunLifecycle(plan, ledger, conditions, newHistory: false);
    }

    /// <summary>
    /// Runs (or carries on) the run and keeps the registry's record of it honest whatever happens. When the store fails
    /// mid-run (a database server restarting), the run waits for it within <see cref="RunConditions.StoreWait"/> and carries
    /// on by deterministic re-execution, as a resume would; past the bound it stops, resumable.
    /// </summary>
    /// <param name="progress">Shown each attempt's phases; null shows nothing.</param>
    /// <param name="warn">Told when the run waits for its store.</param>
    /// <param name="watch">Telemetry and pace (none of it changes the run).</param>
    /// <param name="started">
    /// An actor system already starting for this run's store (not a cluster node), for the first attempt; the lifecycle
    /// owns it from here.
    /// </param>
    /// <param name="native">
    /// The native engine, to make the run when it keeps no history and nothing watches, paces or faults it
    /// (<see cref="RunsNatively"/>); should it fail, the run is made in this process.
    /// </param>
    public async Task<RunResult> RunAsync(bool verbose, IProgressView? progress, Action<string>? warn, CancellationToken cancellation, RunOptions? watch = null,
        Task<EngineSession>? started = null, NativeEngine? native = null)
    {
        if (started is not null && Plan.ShardedOver is not null)
            throw new ArgumentException("a sharded run's actor system is a cluster node of its own", nameof(started));
        if (native is not null && RunsNatively(watch ?? RunOptions.None)
            && await RunNativelyAsync(native, progress, verbose && warn is not null ? warn : _ => { }, cancellation) is { } made)
            return made;
        var (runId, economy, seed, store) = (Plan.RunId, Plan.Economy, Plan.Seed, Plan.Store);
        var sharded = Plan.ShardedOver is { } node
            ? new ShardedRun(node, Plan.Scenario.Path, StoredScenario.Pack(Plan.Scenario), economy.Parameters.Years, Plan.Scale)
            : null;
        watch = (watch ?? RunOptions.None) with { Fault = _conditions.Fault, NewHistory = _newHistory, HistoryCadence = Plan.Cadence };
        var since = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var session = started is not null
                    ? await Interlocked.Exchange(ref started, null)
                    : await EngineSession.StartAsync(store, verbose, cancellation, sharded is null ? null : b => b.WithEconomySimCluster(sharded.Node));
                var placed = sharded is null ? watch
                    : watch with { Placement = await sharded.PlaceAsync(session.System, runId, seed, store, watch.NewHistory, cancellation) };
                using var lost = sharded is null ? null : new WorkerLoss(session.System, cancellation);
                RunResult result;
                try
                {
                    result = await session.RunAsync(economy, seed, runId, store.Persists, progress, lost?.Token ?? cancellation, placed);
                }
                catch (OperationCanceledException) when (lost?.Worker is { } worker && !cancellation.IsCancellationRequested)
                {
                    throw new RunFailedException(new RunFailed(
                        $"worker {worker.Host}:{worker.Port} left the cluster during the run, and the state of the organisations it held went with it"
                        + (store.Persists ? $"; '{store.ResumeCommand(runId)}' carries the run on from its stored history" : "; run it again"), null, null, null));
                }
                await _ledger.CompleteAsync(runId, result);
                return result;
            }
            // Asked to stop, a run can also end in a failure the stopping caused (the clock's journal shut down under
            // it): it was stopped, not failed, and is kept resumable. So is a run whose actor system the stopping process
            // shut down before the request reached this token.
            catch (Exception e) when (e is OperationCanceledException || (cancellation.IsCancellationRequested && e is RunFailedException))
            {
                if (!_ledger.Keeps) throw new OperationCanceledException("cancelled", e, cancellation);
                await _ledger.EndIfStoreAllowsAsync(runId, RunStatus.Interrupted, "cancelled");
                throw new RunCancelledException(runId, store.ResumeCommand(runId), e);
            }
            catch (RunFailedException e) when (_ledger.Keeps && e.Failure.StoreFault)
            {
                var left = _conditions.StoreWait - since.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    warn?.Invoke($"the store failed mid-run ({e.Message}); waiting up to {Math.Ceiling(left.TotalSeconds):0} s for it to come back");
                    if (await _ledger.WaitForStoreAsync(left, cancellation))
                    {
                        await _ledger.ReclaimAsync(runId);
                        // Part of the history is stored now: the next attempt reads it back and carries it on.
                        watch = watch with { NewHistory = false };
                        continue;
                    }
                }
                await _ledger.EndIfStoreAllowsAsync(runId, RunStatus.Interrupted, e.Message);
                throw new StoreException(
                    $"{store.Display}: the store failed mid-run and the run stopped ({e.Message}); the history up to the last completed phase is kept: '{store.ResumeCommand(runId)}' carries it on once the store is usable", e);
            }
            // A sharded run that found no cluster, or a worker that cannot hold its organisations, never started.
            catch (UsageException e) when (_ledger.Keeps)
            {
                await _ledger.EndIfStoreAllowsAsync(runId, RunStatus.Failed, e.Message);
                throw;
            }
            catch (RunFailedException e) when (_ledger.Keeps)
            {
                await _ledger.EndIfStoreAllowsAsync(runId, RunStatus.Failed, e.Message);
                throw;
            }
        }
    }

    /// <summary>
    /// Whether the native engine can make the run: it writes no history, so no store; it runs in one process, so no
    /// cluster; and it reports only its progress, so no telemetry, dashboard, pace or injected fault.
    /// </summary>
    public bool RunsNatively(RunOptions watch) =>
        !Plan.Store.Persists && Plan.ShardedOver is null && _conditions.Fault is null && watch.Observer is null && watch.MonthPace == TimeSpan.Zero;

    private async Task<RunResult?> RunNativelyAsync(NativeEngine native, IProgressView? progress, Action<string> notice, CancellationToken cancellation)
    {
        var request = new NativeRunRequest(Plan.Scenario.Path, Plan.Seed, Plan.Economy.Parameters.Years, Plan.Scale, Plan.RunId, Progress: progress is not null);
        var result = progress is null
            ? await native.RunAsync(request, Plan.Scenario.Sha256, null, notice, cancellation)
            : await EngineSession.ShowRunAsync(progress, Plan.Economy, Plan.Seed, report => native.RunAsync(request, Plan.Scenario.Sha256, report, notice, cancellation));
        if (result is null) return null;
        notice($"the run was made by the native engine ({NativeRun.ExecutableName})");
        await _ledger.CompleteAsync(Plan.RunId, result, cancellation);
        return result;
    }
}
