using System.Threading.Channels;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Telemetry.Dashboard;

/// <summary>A run the dashboard shows: live (updating as it runs) or read back from a store.</summary>
/// <param name="Ticks">Simulated months in the whole run.</param>
/// <param name="Regions">Regions, in the order of <see cref="DashboardTick.ByRegion"/>; empty when the source has no breakdown.</param>
public sealed record DashboardRun(string RunId, string Scenario, string Variant, string Regime, long Seed, int StartYear, int Ticks,
    IReadOnlyList<string> Regions, string Source)
{
    public const string Live = "live";
    public const string Stored = "stored";
}

/// <summary>
/// One simulated month of a run: every outcome in the order of the domain's MetricCatalogue, in display units (pounds,
/// QALYs, counts), as the month's flow for running totals and the month-end level for levels.
/// </summary>
public sealed record DashboardTick(string RunId, int Tick, int Year, int Month, double[] Totals, double[][] ByRegion);

public sealed record DashboardStatus(string RunId, string State, string? Detail, string? Digest)
{
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
}

/// <summary>Everything the dashboard knows about one run.</summary>
public sealed record DashboardRunState(DashboardRun Run, IReadOnlyList<DashboardTick> Ticks, DashboardStatus Status);

/// <summary>
/// The stream of (run, month, outcomes) updates the dashboard shows, from any source: live runs and experiments push
/// months as they complete, stored runs are added whole. A browser that connects late gets everything so far, then
/// each update as it happens. Thread-safe; publishing costs a lock and a channel write per subscriber.
/// </summary>
public sealed class DashboardFeed
{
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (DashboardRun Run, List<DashboardTick> Ticks, DashboardStatus Status)> _runs = [];
    private readonly List<Channel<object>> _subscribers = [];
    private DashboardCalibration? _calibration;

    /// <summary>The calibration search these runs belong to, when a calibration is being watched.</summary>
    public DashboardCalibration? CalibrationState
    {
        get
        {
            lock (_lock) return _calibration;
        }
    }

    /// <summary>A calibration's new state: kept for pages that connect later and sent to those connected.</summary>
    public void Calibration(DashboardCalibration state)
    {
        lock (_lock)
        {
            _calibration = state;
            Publish(state);
        }
    }

    public void RunStarted(DashboardRun run)
    {
        lock (_lock)
        {
            if (!_runs.ContainsKey(run.RunId)) _order.Add(run.RunId);
            var status = new DashboardStatus(run.RunId, DashboardStatus.Running, null, null);
            _runs[run.RunId] = (run, [], status);
            Publish(run);
            Publish(status);
        }
    }

    public void Tick(DashboardTick tick)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(tick.RunId, out var state)) throw new InvalidOperationException($"Run {tick.RunId} was not started on the dashboard.");
            state.Ticks.Add(tick);
            Publish(tick);
        }
    }

    public void Status(DashboardStatus status)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue(status.RunId, out var state)) return;
            _runs[status.RunId] = state with { Status = status };
            Publish(status);
        }
    }

    /// <summary>Adds a finished run from its per-month outcome table (totals only: stores keep no breakdown by region).</summary>
    public void AddFinishedRun(DashboardRun run, RunOutcomes outcomes, string? digest)
    {
        RunStarted(run with { Regions = [] });
        var months = outcomes.Ticks.Length / MetricCatalogue.Count;
        for (var t = 0; t < months; t++)
        {
            var totals = new double[MetricCatalogue.Count];
            foreach (var info in MetricCatalogue.All)
                totals[(int)info.Metric] = outcomes.AtTick(t, info.Metric) * RunTelemetry.DisplayScale[(int)info.Metric];
            Tick(new DashboardTick(run.RunId, t, run.StartYear + t / Calendar.MonthsPerYear, t % Calendar.MonthsPerYear + 1, totals, []));
        }
        Status(new DashboardStatus(run.RunId, DashboardStatus.Finished, null, digest));
    }

    public IReadOnlyList<DashboardRunState> Snapshot()
    {
        lock (_lock) return SnapshotUnlocked();
    }

    private List<DashboardRunState> SnapshotUnlocked() =>
        _order.Select(id => _runs[id]).Select(s => new DashboardRunState(s.Run, [.. s.Ticks], s.Status)).ToList();

    /// <summary>
    /// Everything so far and, atomically with it, a channel of every later update (DashboardRun, DashboardTick,
    /// DashboardStatus or DashboardCalibration), so nothing is missed or repeated. Dispose the subscription to stop it.
    /// </summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
            return new Subscription(this, channel, SnapshotUnlocked(), _calibration);
        }
    }

    public int Subscribers
    {
        get
        {
            lock (_lock) return _subscribers.Count;
        }
    }

    private void Publish(object update)
    {
        foreach (var s in _subscribers) s.Writer.TryWrite(update);
    }

    public sealed class Subscription(DashboardFeed feed, Channel<object> channel, IReadOnlyList<DashboardRunState> snapshot, DashboardCalibration? calibration) : IDisposable
    {
        public IReadOnlyList<DashboardRunState> Snapshot { get; } = snapshot;
        public DashboardCalibration? Calibration { get; } = calibration;
        public ChannelReader<object> Updates => channel.Reader;

        public void Dispose()
        {
            lock (feed._lock) feed._subscribers.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}
