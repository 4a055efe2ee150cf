using System.Diagnostics;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;

namespace EconomySim.Application;

/// <summary>
/// The registry's side of every lifecycle, a single run's or an experiment's: the runs registered as new, each one's
/// completion, and how those that did not complete ended. On a store that keeps nothing it records nothing.
/// </summary>
public sealed class RunLedger
{
    public static readonly RunLedger None = new(null);

    private readonly RunRegistry? _registry;

    // The registry is one SQLite file: runs finishing together write their records one at a time.
    private readonly SemaphoreSlim _completing = new(1);

    private RunLedger(RunRegistry? registry) => _registry = registry;

    /// <summary>Whether runs are registered at all (the store keeps histories).</summary>
    public bool Keeps => _registry is not null;

    /// <summary>The ledger of a store, its registry created if it is new; on a store that keeps nothing, <see cref="None"/>.</summary>
    public static async Task<RunLedger> OpenAsync(HistoryStore store)
    {
        if (!store.Persists) return None;
        var registry = new RunRegistry(store);
        await registry.EnsureCreatedAsync();
        return new RunLedger(registry);
    }

    public static RunLedger Of(RunRegistry registry) => new(registry);

    /// <summary>The registry of a store that must already hold runs, for the commands that read or carry them on.</summary>
    public static async Task<RunRegistry> OpenExistingAsync(HistoryStore store)
    {
        if (!store.Persists) throw new UsageException("--store: 'none' keeps no runs; name a store that has them (sqlite, sqlite:PATH, postgres:...)");
        if (store.Kind == StoreKind.Sqlite)
        {
            if (!File.Exists(store.SqliteFile)) throw new StoreException($"{store.Display}: no such store (no runs have been kept there yet)");
        }
        var registry = new RunRegistry(store);
        await registry.EnsureCreatedAsync();
        return registry;
    }

    /// <summary>
    /// Registers runs as running in this process, all or none: refused, with none written, when one of their ids is
    /// already in the store.
    /// </summary>
    /// <param name="runIds">The ids of the runs, in the order <paramref name="runs"/> gives them.</param>
    /// <param name="runs">Their records, built only when they are to be written.</param>
    /// <param name="taken">What to tell the user about the first id already in the store.</param>
    public async Task RegisterNewAsync(IReadOnlyList<string> runIds, Func<IEnumerable<RunRecord>> runs, Func<string, string> taken)
    {
        if (_registry is null) return;
        var existing = (await _registry.ListAsync()).Select(r => r.RunId).ToHashSet();
        var clash = runIds.FirstOrDefault(existing.Contains);
        if (clash is not null) throw new UsageException(taken(clash));
        // Another process can claim an id between the check and the insert; the insert is the claim that decides.
        try
        {
            await _registry.RegisterAllAsync(runs().ToList());
        }
        catch (RunClaimedException e)
        {
            throw new UsageException(taken(e.RunId));
        }
    }

    /// <summary>Records a run as completed, with the figures it is judged by later (its digest above all).</summary>
    public async Task CompleteAsync(string runId, RunResult result, CancellationToken cancellation = default)
    {
        if (_registry is null) return;
        await _completing.WaitAsync(cancellation);
        try
        {
            await _registry.CompleteAsync(runId, result.Digest, result.Organisations, result.Messages, result.Events, result.WallSeconds);
        }
        finally
        {
            _completing.Release();
        }
    }

    /// <summary>Takes up a stored run, as read, to carry it on in this process; refused when another process took it up first.</summary>
    public async Task TakeUpAsync(RunRecord asRead)
    {
        if (_registry is null) return;
        try
        {
            await _registry.ClaimAsync(asRead);
        }
        catch (RunClaimedException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Claims again a run this process holds, once its store is back after failing under it.</summary>
    public async Task ReclaimAsync(string runId)
    {
        if (_registry is null) return;
        await _registry.ClaimAsync(await _registry.FindAsync(runId));
    }

    /// <summary>Records how a run that did not complete ended, and why.</summary>
    public Task EndAsync(string runId, RunStatus status, string failure) => _registry?.EndAsync(runId, status, failure) ?? Task.CompletedTask;

    /// <summary>
    /// Records how a run ended where the store can still take it; a store too broken to take it leaves the run to read as
    /// interrupted (its process is gone), and the failure the caller is reporting is not hidden behind the store's.
    /// </summary>
    public async Task EndIfStoreAllowsAsync(string runId, RunStatus status, string failure)
    {
        try
        {
            await EndAsync(runId, status, failure);
        }
        catch (StoreException)
        {
        }
    }

    /// <summary>Marks every run of an experiment that is still running as ended, with the reason; finished ones keep their digests.</summary>
    public async Task EndUnfinishedAsync(string experiment, RunStatus status, string failure)
    {
        if (_registry is null) return;
        foreach (var record in (await _registry.ListAsync()).Where(r => r.Experiment == experiment && r.Status == RunStatus.Running))
            await EndAsync(record.RunId, status, failure);
    }

    /// <summary>
    /// The runs of an experiment (or a calibration) that <paramref name="ended"/> stopped before they finished, marked so
    /// with the reason. Asked to stop, a run can also end in a failure the stopping caused: it was stopped, not failed,
    /// and what to raise is then a cancellation; otherwise it is <paramref name="ended"/> itself.
    /// </summary>
    public async Task<Exception> EndUnfinishedAsync(string experiment, Exception ended, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var stopped = ended is OperationCanceledException || cancellation.IsCancellationRequested;
        await EndUnfinishedAsync(experiment, stopped ? RunStatus.Interrupted : RunStatus.Failed, stopped ? "cancelled" : ended.Message);
        return stopped && ended is not OperationCanceledException ? new OperationCanceledException("cancelled", ended, cancellation) : ended;
    }

    /// <summary>Whether the store holds any run of the experiment (or calibration) <paramref name="experiment"/>.</summary>
    public async Task<bool> HoldsRunsOfAsync(string experiment) =>
        _registry is not null && (await _registry.ListAsync()).Any(r => r.Experiment == experiment);

    /// <summary>Looks at the store with a growing pause (<see cref="StoreRetry.Backoff"/>) until it answers or the limit would pass.</summary>
    public async Task<bool> WaitForStoreAsync(TimeSpan limit, CancellationToken cancellation)
    {
        if (_registry is null) return false;
        var since = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var pause = StoreRetry.Backoff(attempt);
            if (since.Elapsed + pause > limit) return false;
            await Task.Delay(pause, cancellation);
            try
            {
                await _registry.EnsureCreatedAsync();
                return true;
            }
            catch (StoreException)
            {
            }
        }
    }
}
