using System.Diagnostics;
using System.Diagnostics.Metrics;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Telemetry.Dashboard;

namespace EconomySim.Telemetry;

/// <summary>The low-cardinality labels of a run, carried by every measurement and span it produces.</summary>
/// <param name="Variant">The variant's name in an experiment; "default" for a single run.</param>
public sealed record RunLabels(string RunId, string Scenario, string Variant, string Regime)
{
    public const string DefaultVariant = "default";

    public static RunLabels For(string runId, EconomyDefinition economy, string? variant = null) =>
        new(runId, economy.ScenarioName, variant ?? DefaultVariant, TelemetryCatalogue.RegimeOf(economy.Parameters));
}

/// <summary>The engine's health as last measured; written on the run clock, read by exporters.</summary>
public sealed class EngineHealth
{
    public double Ticks, TicksPerSecond, MessagesPerSecond, EventsPerSecond, Phases, Messages, Events;
}

/// <summary>
/// Watches one run and turns it into telemetry: outcome instruments by organisation kind and region, updated as each
/// simulated month completes; the engine's health; a span per year and per phase; negotiation traces across actors;
/// and ticks for the live dashboard. It reads the run's books and never writes to the run.
/// </summary>
public sealed class RunTelemetry : IRunObserver, IDisposable
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    /// <summary>Per outcome, what one raw unit (a penny, a thousandth of a QALY, one) is in display units, as a double.</summary>
    internal static readonly double[] DisplayScale = MetricCatalogue.All.Select(i => (double)MetricCatalogue.Display(i.Metric, 1)).ToArray();

    private readonly bool _metrics;
    private readonly DashboardFeed? _feed;
    private readonly Lock _lock = new();
    private readonly NegotiationTracer? _tracer;
    private readonly Queue<(long Timestamp, int Ticks, long Messages, long Events)> _samples = new();
    private KeyValuePair<string, object?>[][] _groupTags = [];
    private KeyValuePair<string, object?>[][] _phaseTags = [];
    private double[] _values = [];
    private double[] _derivedValues = [];
    private KeyValuePair<string, object?>[][] _regionTags = [];
    private int[] _groupRegion = [];
    private EconomyIndex? _economy;
    private OutcomeGroups? _groups;
    private Activity? _runSpan, _yearSpan, _phaseSpan;
    private long _phaseStarted;
    private bool _registered;

    /// <param name="metrics">Whether to feed the "EconomySim" meter's instruments (for Prometheus, OTLP, the console).</param>
    /// <param name="feed">The live dashboard's feed, or null when there is no dashboard.</param>
    public RunTelemetry(RunLabels labels, bool metrics, DashboardFeed? feed = null)
    {
        Labels = labels;
        _metrics = metrics;
        _feed = feed;
        RunTags =
        [
            new(TelemetryCatalogue.RunId, labels.RunId), new(TelemetryCatalogue.Scenario, labels.Scenario),
            new(TelemetryCatalogue.Variant, labels.Variant), new(TelemetryCatalogue.Regime, labels.Regime),
        ];
        // Tracing is decided once, when the run is set up: with no listener the letters travel exactly as without telemetry.
        if (EconomySimTelemetry.ActivitySource.HasListeners()) _tracer = new NegotiationTracer(this);
    }

    public RunLabels Labels { get; }
    public EngineHealth Engine { get; } = new();
    internal KeyValuePair<string, object?>[] RunTags { get; }

    /// <summary>The span of the phase in progress, which negotiation spans link to.</summary>
    internal ActivityContext CurrentPhase => Volatile.Read(ref _phaseToLink)?.Context ?? default;
    private Activity? _phaseToLink;

    public ILetterTracer? Letters => _tracer;

    public void RunStarted(ObservedRun run)
    {
        _economy = run.Economy;
        _tracer?.Attach(run.Economy);
        _groups = run.Book.Groups;
        _groupTags = new KeyValuePair<string, object?>[_groups.Count][];
        _groupRegion = new int[_groups.Count];
        for (var g = 0; g < _groups.Count; g++)
        {
            var (kind, region) = _groups[g];
            _groupTags[g] = [.. RunTags, new(TelemetryCatalogue.OrganisationKind, TelemetryCatalogue.Label(kind)), new(TelemetryCatalogue.Region, region)];
            _groupRegion[g] = _groups.Regions.ToList().IndexOf(region);
        }
        _phaseTags = Enum.GetValues<PhaseKind>().Select(k => (KeyValuePair<string, object?>[])[.. RunTags, new(TelemetryCatalogue.PhaseKind, TelemetryCatalogue.Label(k))]).ToArray();
        _values = new double[_groups.Count * MetricCatalogue.Count];
        _derivedValues = new double[_groups.Regions.Count * MetricCatalogue.Count];
        _regionTags = _groups.Regions.Select(r => (KeyValuePair<string, object?>[])[.. RunTags, new(TelemetryCatalogue.Region, r)]).ToArray();
        _samples.Enqueue((Stopwatch.GetTimestamp(), 0, 0, 0));

        _runSpan = StartSpan("run", default, ActivityKind.Internal);
        if (_runSpan is not null)
        {
            _runSpan.DisplayName = $"run {Labels.RunId}";
            foreach (var tag in RunTags) _runSpan.SetTag(tag.Key, tag.Value);
            _runSpan.SetTag("economysim.seed", run.Seed);
            _runSpan.SetTag("economysim.organisations", run.Economy.Count);
            _runSpan.SetTag("economysim.years", run.Economy.Parameters.Years);
        }

        _feed?.RunStarted(new DashboardRun(Labels.RunId, Labels.Scenario, Labels.Variant, Labels.Regime, run.Seed,
            run.Economy.Parameters.StartYear, run.Book.Ticks, _groups.Regions, DashboardRun.Live));
        if (_metrics)
        {
            EconomySimTelemetry.Register(this);
            _registered = true;
        }
    }

    public void PhaseStarted(CalendarPhase phase, int organisationsWoken)
    {
        _phaseStarted = Stopwatch.GetTimestamp();
        if (_runSpan is null) return;
        if (_yearSpan is null)
        {
            _yearSpan = StartSpan("year", _runSpan.Context, ActivityKind.Internal);
            if (_yearSpan is not null)
            {
                _yearSpan.DisplayName = $"year {phase.Year}/{(phase.Year + 1) % 100:00}";
                _yearSpan.SetTag("economysim.year", phase.Year);
            }
        }
        _phaseSpan = StartSpan("phase", _yearSpan?.Context ?? _runSpan.Context, ActivityKind.Internal);
        if (_phaseSpan is not null)
        {
            _phaseSpan.DisplayName = phase.ToString();
            _phaseSpan.SetTag("economysim.phase", phase.Index);
            _phaseSpan.SetTag("economysim.phase_kind", TelemetryCatalogue.Label(phase.Kind));
            if (phase.IsMonthly) _phaseSpan.SetTag("economysim.month", phase.Month);
            _phaseSpan.SetTag("economysim.organisations_woken", organisationsWoken);
            Volatile.Write(ref _phaseToLink, _phaseSpan);
        }
    }

    public void PhaseEnded(RunProgress progress)
    {
        var phase = progress.Phase;
        var book = progress.Book;
        if (_metrics) EconomySimTelemetry.PhaseDuration.Record(Stopwatch.GetElapsedTime(_phaseStarted).TotalSeconds, _phaseTags[(int)phase.Kind]);
        var calendar = _economy!.Calendar;
        var next = progress.PhasesDone < calendar.Count ? calendar[progress.PhasesDone] : null;
        var tickComplete = next is null || next.Tick != phase.Tick;
        lock (_lock)
        {
            Engine.Phases = progress.PhasesDone;
            Engine.Messages = book.MessagesSent;
            Engine.Events = book.EventsRecorded;
            if (tickComplete) CompleteTick(phase, book);
        }
        EndSpan(ref _phaseSpan);
        if (next is null || next.YearIndex != phase.YearIndex) EndSpan(ref _yearSpan);
    }

    /// <summary>
    /// A simulated month is complete: fold its outcomes into the instruments and send it to the dashboard. Outcomes the
    /// model records are kept per (kind, region) group; derived ones (shares, ratios) are computed from the raw values
    /// of the whole economy and of each region, as the model computes them, because a ratio does not add up.
    /// </summary>
    private void CompleteTick(CalendarPhase phase, RunBook book)
    {
        var groups = _groups!;
        var count = MetricCatalogue.Count;
        var regions = groups.Regions.Count;
        var tick = phase.Tick;
        var totalRaw = new long[count];
        var regionRaw = new long[regions][];
        for (var r = 0; r < regions; r++) regionRaw[r] = new long[count];
        foreach (var info in MetricCatalogue.All)
        {
            if (info.Derive is not null) continue;
            var m = (int)info.Metric;
            var isLevel = info.Aggregation == Aggregation.Last;
            var scale = DisplayScale[m];
            totalRaw[m] = book.Outcome(tick, info.Metric);
            for (var g = 0; g < groups.Count; g++)
            {
                var raw = book.Outcome(tick, g, info.Metric);
                regionRaw[_groupRegion[g]][m] += raw;
                var slot = g * count + m;
                _values[slot] = isLevel ? raw * scale : _values[slot] + raw * scale;
            }
        }
        foreach (var info in MetricCatalogue.All)
        {
            if (info.Derive is not { } derive) continue;
            var m = (int)info.Metric;
            totalRaw[m] = derive(metric => totalRaw[(int)metric]);
            for (var r = 0; r < regions; r++)
            {
                var values = regionRaw[r];
                values[m] = derive(metric => values[(int)metric]);
                _derivedValues[r * count + m] = values[m] * DisplayScale[m];
            }
        }
        var totals = new double[count];
        var byRegion = NewTable(regions, count);
        for (var m = 0; m < count; m++)
        {
            totals[m] = totalRaw[m] * DisplayScale[m];
            for (var r = 0; r < regions; r++) byRegion[r][m] = regionRaw[r][m] * DisplayScale[m];
        }
        Engine.Ticks = tick + 1;
        MeasureRates(tick + 1, book);
        _feed?.Tick(new DashboardTick(Labels.RunId, tick, phase.Year, tick % Calendar.MonthsPerYear + 1, totals, byRegion));
    }

    private static double[][] NewTable(int rows, int columns)
    {
        var table = new double[rows][];
        for (var i = 0; i < rows; i++) table[i] = new double[columns];
        return table;
    }

    /// <summary>Rates over the last second or so of wall time, so that they follow the run without jumping at every month.</summary>
    private void MeasureRates(int ticks, RunBook book)
    {
        var now = Stopwatch.GetTimestamp();
        _samples.Enqueue((now, ticks, book.MessagesSent, book.EventsRecorded));
        while (_samples.Count > 2 && Stopwatch.GetElapsedTime(_samples.Peek().Timestamp, now) > RateWindow) _samples.Dequeue();
        var oldest = _samples.Peek();
        var seconds = Stopwatch.GetElapsedTime(oldest.Timestamp, now).TotalSeconds;
        if (seconds <= 0) return;
        Engine.TicksPerSecond = (ticks - oldest.Ticks) / seconds;
        Engine.MessagesPerSecond = (book.MessagesSent - oldest.Messages) / seconds;
        Engine.EventsPerSecond = (book.EventsRecorded - oldest.Events) / seconds;
    }

    internal IEnumerable<Measurement<double>> ObserveOutcome(int metric)
    {
        lock (_lock)
        {
            if (MetricCatalogue.All[metric].Derive is not null)
            {
                var byRegion = new Measurement<double>[_regionTags.Length];
                for (var r = 0; r < _regionTags.Length; r++)
                    byRegion[r] = new Measurement<double>(_derivedValues[r * MetricCatalogue.Count + metric], _regionTags[r]);
                return byRegion;
            }
            var measurements = new Measurement<double>[_groupTags.Length];
            for (var g = 0; g < _groupTags.Length; g++)
                measurements[g] = new Measurement<double>(_values[g * MetricCatalogue.Count + metric], _groupTags[g]);
            return measurements;
        }
    }

    public void RunFinished(RunSummary summary)
    {
        lock (_lock)
        {
            Engine.Messages = summary.Letters;
            Engine.Events = summary.Events;
        }
        EndSpan(ref _phaseSpan);
        EndSpan(ref _yearSpan);
        if (_runSpan is not null)
        {
            _runSpan.SetTag("economysim.digest", summary.Digest);
            _runSpan.SetStatus(ActivityStatusCode.Ok);
        }
        EndSpan(ref _runSpan);
        _feed?.Status(new DashboardStatus(Labels.RunId, DashboardStatus.Finished, null, summary.Digest));
    }

    public void RunFailed(RunFailed failure)
    {
        _phaseSpan?.SetStatus(ActivityStatusCode.Error, failure.Reason);
        EndSpan(ref _phaseSpan);
        EndSpan(ref _yearSpan);
        _runSpan?.SetStatus(ActivityStatusCode.Error, failure.Reason);
        EndSpan(ref _runSpan);
        _feed?.Status(new DashboardStatus(Labels.RunId, DashboardStatus.Failed, failure.Reason, null));
    }

    /// <summary>Stops reporting the run's values to the meter (the dashboard keeps its history).</summary>
    public void Dispose()
    {
        if (_registered) EconomySimTelemetry.Unregister(this);
        _registered = false;
    }

    /// <summary>
    /// Starts a span with an explicit parent (or as a root when the parent is default) and leaves Activity.Current as it
    /// was: the clock and the organisations share dispatcher threads with other actors, which must not inherit a parent.
    /// </summary>
    internal static Activity? StartSpan(string name, ActivityContext parent, ActivityKind kind, IEnumerable<ActivityLink>? links = null)
    {
        var saved = Activity.Current;
        Activity.Current = null;
        var span = EconomySimTelemetry.ActivitySource.StartActivity(name, kind, parent, links: links);
        Activity.Current = saved;
        return span;
    }

    private static void EndSpan(ref Activity? span)
    {
        if (span is null) return;
        var saved = Activity.Current;
        span.Stop();
        Activity.Current = saved == span ? null : saved;
        span = null;
    }
}
