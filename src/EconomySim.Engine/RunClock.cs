using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>
/// Drives the calendar with a counted barrier: it wakes the organisations a phase concerns, telling each how many
/// letters to wait for, and starts the next phase only when all have completed. It keeps the run's books, checks money
/// is conserved after every phase, records each closed phase with its outcome contributions, and at the end combines
/// the organisations' history digests.
/// </summary>
/// <remarks>
/// The decisions are plain classes it calls: which organisations act and how many letters each awaits, and whether
/// money is conserved, are the <see cref="RunBook"/>'s; where the organisations are and what each is told before and
/// after the run, the <see cref="OrganisationDirectory"/>'s; how long a month must last, the <see cref="MonthPace"/>'s.
/// With a store, organisations hold their events until the history is due (<see cref="HistoryCadence"/>: after every
/// phase, month or year), then each writes what it holds as one entry. How far the history may trail the computation,
/// and when a closed phase may be recorded, is the <see cref="HistoryWindow"/>'s to say.
/// </remarks>
public sealed class RunClock : UntypedPersistentActor, IWithTimers
{
    private readonly EconomyIndex _economy;
    private readonly long _seed;
    private readonly RunIdentity _run;
    private readonly Action<RunProgress>? _progress;
    private readonly IRunObserver? _observer;
    private readonly MonthPace _pace;
    // Wall time is read here only, and handed to the pace: it decides when a month starts, never what happens in it.
    private readonly long _created = Stopwatch.GetTimestamp();
    private readonly InjectedFault? _fault;
    private readonly IOrganisationPlacement? _placement;
    private readonly RunBook _book;
    private OrganisationDirectory? _organisations;
    private readonly byte[][] _digests;
    private readonly long[] _phaseOutcomes = new long[MetricCatalogue.Count];
    private IActorRef? _requester;
    private int _phase = -1;
    private int _storedPhases;
    private int _outstanding;
    private int _digestsOutstanding;
    private long _events;
    private RunFailed? _failure;
    private readonly HistoryWindow _history;
    private bool _waitingForDurability;
    private readonly HistoryCadence _cadence;

    public ITimerScheduler Timers { get; set; } = null!;

    public RunClock(EconomyIndex economy, long seed, RunIdentity run, Action<RunProgress>? progress) : this(economy, seed, run, new RunOptions { Progress = progress })
    {
    }

    public RunClock(EconomyIndex economy, long seed, RunIdentity run, RunOptions options)
    {
        _economy = economy;
        _seed = seed;
        _run = run;
        _progress = options.Progress;
        _observer = options.Observer;
        _pace = new MonthPace(options.MonthPace, economy.Calendar);
        _fault = options.Fault;
        _placement = options.Placement;
        _cadence = options.HistoryCadence;
        _history = new HistoryWindow(economy.Count, economy.Calendar.Count, RunJournal.WriteQueueCapacity);
        _book = new RunBook(economy);
        _digests = new byte[economy.Count][];
        PersistenceId = RunJournal.ClockPersistenceId(run.RunId);
    }

    public static Props Props(EconomyIndex economy, long seed, RunIdentity run, Action<RunProgress>? progress) =>
        Akka.Actor.Props.Create(() => new RunClock(economy, seed, run, progress));

    public static Props Props(EconomyIndex economy, long seed, RunIdentity run, RunOptions options) =>
        Akka.Actor.Props.Create(() => new RunClock(economy, seed, run, options));

    public override string PersistenceId { get; }

    public override Recovery Recovery => _run.Recovery;

    /// <summary>Phases already closed in the store: a resumed run recomputes them without recording them again.</summary>
    public int StoredPhases => _storedPhases;

    /// <summary>An organisation that throws stops; the clock reports which one, in which phase, and ends the run.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, cause =>
        {
            var code = _organisations is not null && _organisations.TryIndexOf(Sender, out var index) ? _economy[index].Code : Sender.Path.Name;
            Fail(cause is MoneyNotConservedException ? cause.Message : $"{code} failed: {cause.Message}", code, cause);
            return Directive.Stop;
        });

    protected override void OnRecover(object message)
    {
        if (message is PhaseClosed closed) _storedPhases = Math.Max(_storedPhases, closed.Phase + 1);
    }

    protected override void PreStart()
    {
        base.PreStart();
        var tracer = _observer?.Letters;
        _organisations = _placement is not null
            ? OrganisationDirectory.OfPlacement(_economy.Count, _placement)
            : OrganisationDirectory.OfChildren(_economy.Count, i => Context.ActorOf(
                OrganisationActor.Props(Organisation.Create(_economy[i], _economy, _seed), _economy, _run, tracer, _fault), _economy[i].Code));
        foreach (var (organisation, introduction) in _organisations.Introductions(Self)) organisation.Tell(introduction);
    }

    private OrganisationDirectory Organisations => _organisations ?? throw new InvalidOperationException("The clock has not placed the organisations.");

    private TimeSpan Now => Stopwatch.GetElapsedTime(_created);

    protected override void OnCommand(object message)
    {
        if (_failure is not null)
        {
            // An organisation that could not even be created fails the run before it is asked for: it is answered now.
            if (message is StartRun) Sender.Tell(_failure);
            return;
        }
        switch (message)
        {
            case StartRun:
                _requester = Sender;
                _observer?.RunStarted(new ObservedRun(_run.RunId, _seed, _economy, _book));
                _pace.Started(Now);
                StartNextPhase();
                break;
            case PaceElapsed:
                _pace.Waited(Now);
                StartNextPhase();
                break;
            case PhaseCompleted completed when completed.Phase == _phase:
                try
                {
                    _book.Completed(_economy.Calendar[_phase], completed.Report);
                }
                catch (MoneyNotConservedException e)
                {
                    Fail(e.Message, _economy[completed.Report.Organisation].Code, e);
                    return;
                }
                for (var i = 0; i < completed.Report.OutcomeMetrics.Length; i++)
                    _phaseOutcomes[completed.Report.OutcomeMetrics[i]] += completed.Report.OutcomeValues[i];
                _history.Reported(completed.Report.Organisation, _phase, completed.Events);
                if (--_outstanding == 0) EndPhase();
                break;
            case HistoryDurable durable:
                WriteDurable(durable.Phase);
                break;
            case OrganisationStopped stopped:
                Fail($"{stopped.Organisation} stopped: {stopped.Reason}", stopped.Organisation, stopped.Cause, stopped.StoreFault);
                break;
            case HistoryDigestReported reported:
                _digests[reported.Organisation] = reported.Digest;
                _events += reported.Events;
                if (--_digestsOutstanding == 0) Finish();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void StartNextPhase()
    {
        while (true)
        {
            if (!_history.CaughtUp(_phase))
            {
                _waitingForDurability = true;
                return;
            }
            if (_pace.WaitBefore(_phase, Now) is var wait && wait > TimeSpan.Zero)
            {
                Timers.StartSingleTimer(PaceElapsed.Instance, PaceElapsed.Instance, wait);
                return;
            }
            _phase++;
            if (_phase == _economy.Calendar.Count)
            {
                // The clock's own records are written asynchronously; wait for the last before reading digests.
                DeferAsync(_phase, _ => RequestDigests());
                return;
            }
            var woken = _book.Wake(_economy.Calendar[_phase]);
            _observer?.PhaseStarted(_economy.Calendar[_phase], woken.Count);
            if (woken.Count == 0)
            {
                if (!CloseBooks()) return;
                continue;
            }
            _outstanding = woken.Count;
            var writeHistory = _run.Persist && _cadence.WritesAfter(_economy.Calendar, _phase);
            foreach (var (index, expected) in woken)
                Organisations[index].Tell(new PhaseStarted(_phase, expected, writeHistory));
            return;
        }
    }

    private void WriteDurable(int phase)
    {
        _history.Durable(phase);
        RecordDurableClosedPhases();
        if (_waitingForDurability && _history.CaughtUp(_phase))
        {
            _waitingForDurability = false;
            StartNextPhase();
        }
    }

    private void RecordDurableClosedPhases()
    {
        // Nothing waits for these records: a resumed run recomputes every phase, so they only mark phases closed.
        if (_history.TakeDurableClosed() is { } durable)
            PersistAllAsync(durable.Select(closed => new Tagged(closed, [_run.RunId])).ToList(), _ => { });
    }

    private void EndPhase()
    {
        if (CloseBooks()) StartNextPhase();
    }

    private bool CloseBooks()
    {
        var phase = _economy.Calendar[_phase];
        try
        {
            _book.EndPhase(phase);
        }
        catch (MoneyNotConservedException e)
        {
            Fail(e.Message, null, e);
            return false;
        }
        if (_run.Persist && _phase >= _storedPhases)
        {
            var metrics = new List<int>();
            var values = new List<long>();
            for (var m = 0; m < _phaseOutcomes.Length; m++)
            {
                if (_phaseOutcomes[m] == 0) continue;
                metrics.Add(m);
                values.Add(_phaseOutcomes[m]);
            }
            _history.Closed(new PhaseClosed(_phase, phase.Tick, metrics.ToArray(), values.ToArray()));
        }
        if (_run.Persist && _cadence.WritesAfter(_economy.Calendar, _phase))
        {
            // When the history is due, every organisation still holding events writes them.
            var due = new HistoryWriteDue(_phase);
            foreach (var index in _history.WriteDue(_phase)) Organisations[index].Tell(due);
            RecordDurableClosedPhases();
        }
        Array.Clear(_phaseOutcomes);
        if (_progress is not null || _observer is not null)
        {
            var progress = new RunProgress(_phase + 1, _economy.Calendar.Count, phase, _book);
            _progress?.Invoke(progress);
            _observer?.PhaseEnded(progress);
        }
        return true;
    }

    private void RequestDigests()
    {
        var organisations = Organisations.Organisations;
        _digestsOutstanding = organisations.Count;
        foreach (var o in organisations) o.Tell(HistoryDigestRequested.Instance);
    }

    private void Finish()
    {
        var digest = HistoryHasher.Combine(_economy.Profiles.Select(p => (p.Code, _digests[p.Index])).ToList());
        var summary = new RunSummary(digest, _book.Outcomes(), _book.MessagesSent, _events, _economy.Calendar.Count, _book.PhasesConserved);
        _observer?.RunFinished(summary);
        _requester?.Tell(new RunFinished(summary));
    }

    protected override void PostStop()
    {
        if (_organisations is not null)
            foreach (var (organisation, release) in _organisations.Releases()) organisation.Tell(release);
        base.PostStop();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Fail($"the run's calendar could not be written: {cause.GetBaseException().Message}", null, cause, storeFault: true);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Fail($"the run's stored calendar could not be read: {reason.GetBaseException().Message}", null, reason, storeFault: true);
        base.OnRecoveryFailure(reason, message);
    }

    private void Fail(string reason, string? organisation, Exception cause, bool storeFault = false)
    {
        if (_failure is not null) return;
        var phase = _phase >= 0 && _phase < _economy.Calendar.Count ? $"tick {_economy.Calendar[_phase].Tick}, phase {_phase}: {_economy.Calendar[_phase]}" : null;
        _failure = new RunFailed(reason, organisation, phase, cause, storeFault);
        _observer?.RunFailed(_failure);
        _requester?.Tell(_failure);
    }
}
