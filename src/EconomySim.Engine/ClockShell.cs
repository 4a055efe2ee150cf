using System.Diagnostics;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>What a clock's actor gives the calendar it drives: itself, its context and timers, and its store.</summary>
internal interface IClockHost
{
    IActorRef Self { get; }

    IUntypedActorContext Context { get; }

    ITimerScheduler Timers { get; }

    /// <summary>Keeps closed phases in the store, marking them closed for a resumed run; only a stored run has any.</summary>
    void RecordClosed(IReadOnlyList<PhaseClosed> closed);

    /// <summary>Calls <paramref name="then"/> once every record asked for so far is written.</summary>
    void AfterRecords(Action then);
}

/// <summary>
/// What every run's clock does, whether or not the run is stored: it drives the calendar with a barrier, waking the
/// organisations a phase concerns, each with every letter sent to it and not yet read, and starts the next phase only
/// when all have completed. It is the run's post: the letters an organisation sends come back with its completion and
/// wait in the clock until their recipients act, so each activation costs two messages however many letters it reads
/// or sends. It keeps the run's books, checks money is conserved after every phase, records each
/// closed phase with its outcome contributions, and at the end combines the organisations' history digests.
/// </summary>
/// <remarks>
/// The decisions are plain classes it calls: which organisations act and how many letters each awaits, and whether
/// money is conserved, are the <see cref="RunBook"/>'s; where the organisations are and what each is told before and
/// after the run, the <see cref="OrganisationDirectory"/>'s; how long a month must last, the <see cref="MonthPace"/>'s.
/// With a store, organisations hold their events until the history is due (<see cref="HistoryCadence"/>: after every
/// phase, month or year), then each writes what it holds as one entry. How far the history may trail the computation,
/// and when a closed phase may be recorded, is the <see cref="HistoryWindow"/>'s to say.
/// </remarks>
internal sealed class ClockShell
{
    private readonly IClockHost _host;
    private readonly EconomyIndex _economy;
    private readonly long _seed;
    private readonly RunIdentity _run;
    private readonly Action<RunProgress>? _progress;
    private readonly IRunObserver? _observer;
    private readonly MonthPace _pace;
    // Wall time is read here only, and handed to the pace: it decides when a month starts, never what happens in it.
    private readonly long _created = Stopwatch.GetTimestamp();
    private readonly RunOptions _options;
    private readonly RunBook _book;
    // Refilled by the book at each phase's start: one list all run, not one a phase.
    private readonly List<(int Organisation, Delivery Mail)> _woken = [];
    private OrganisationDirectory? _organisations;
    // A relayed run's lane relays and the lane each organisation acts on (LaneDeal); how many lanes are still waking
    // the phase's organisations, and the completions heard meanwhile, booked once every lane is awake.
    private IActorRef[]? _relays;
    private int[]? _laneOf;
    private int _lanesWaking;
    private int _wokenOnLanes;
    private readonly List<LaneCompleted> _completedWhileWaking = [];
    private readonly byte[][] _digests;
    private readonly long[] _phaseOutcomes = new long[MetricCatalogue.Count];
    private IActorRef? _requester;
    private int _phase = -1;
    private int _outstanding;
    private int _digestsOutstanding;
    private long _events;
    private RunFailed? _failure;
    private readonly HistoryWindow _history;
    private bool _waitingForDurability;

    public ClockShell(IClockHost host, EconomyIndex economy, long seed, RunIdentity run, RunOptions options)
    {
        _host = host;
        _economy = economy;
        _seed = seed;
        _run = run;
        _progress = options.Progress;
        _observer = options.Observer;
        _pace = new MonthPace(options.MonthPace, economy.Calendar);
        _options = options;
        _history = new HistoryWindow(economy.Count, economy.Calendar.Count, RunJournal.WriteQueueCapacity);
        _book = new RunBook(economy);
        _digests = new byte[economy.Count][];
    }

    /// <summary>Phases already closed in the store: a resumed run recomputes them without recording them again.</summary>
    public int StoredPhases { get; set; }

    private OrganisationDirectory Organisations => _organisations ?? throw new InvalidOperationException("The clock has not placed the organisations.");

    private TimeSpan Now => Stopwatch.GetElapsedTime(_created);

    /// <summary>A stored run's history is written when the phase now started closes.</summary>
    private bool HistoryDue => _run.Persist && _options.HistoryCadence.WritesAfter(_economy.Calendar, _phase);

    /// <summary>Creates or finds the organisations and tells each what it must know before the first phase.</summary>
    public void Start()
    {
        var tracer = _observer?.Letters;
        var lanes = LaneRelay.LanesFor(_host.Context.System, _run, _options);
        LaneTurn[]? turns = null;
        if (lanes > 0)
        {
            var laneOf = _laneOf = LaneDeal.Of(_economy, lanes);
            turns = [.. Enumerable.Range(0, lanes).Select(lane => new LaneTurn(_host.Self, _book, [.. Enumerable.Range(0, _economy.Count).Where(i => laneOf[i] == lane)]))];
        }
        _organisations = _options.Placement is { } placement
            ? OrganisationDirectory.OfPlacement(_economy.Count, placement)
            : OrganisationDirectory.OfChildren(_economy.Count, i => _host.Context.ActorOf(OrganisationProps(i, tracer, turns?[_laneOf![i]]), _economy[i].Code));
        if (turns is not null)
        {
            _relays = new IActorRef[lanes];
            for (var lane = 0; lane < lanes; lane++)
                _relays[lane] = _host.Context.ActorOf(
                    LaneRelay.Props(RunLanes.SharedDispatcher(lane), turns[lane], _economy.Calendar, _organisations.Organisations), $"lane~{lane}");
        }
        foreach (var (organisation, introduction) in _organisations.Introductions(_host.Self)) organisation.Tell(introduction);
    }

    /// <param name="turn">The lane's share of each phase, for an organisation of a relayed run.</param>
    private Props OrganisationProps(int index, ILetterTracer? tracer, LaneTurn? turn)
    {
        var actor = OrganisationActor.Props(() => Organisation.Create(_economy[index], _economy, _seed), _economy, _run, tracer, _options.Fault, turn);
        var props = _laneOf is { } laneOf ? actor.WithDispatcher(RunLanes.SharedDispatcher(laneOf[index])) : _options.OnDispatcher(actor);
        return OrganisationMailbox.ForOrganisation(_host.Context.System, props, _run);
    }

    /// <summary>An organisation that throws stops; the clock reports which one, in which phase, and ends the run.</summary>
    public Directive OrganisationFailed(IActorRef organisation, Exception cause)
    {
        var code = _organisations is not null && _organisations.TryIndexOf(organisation, out var index) ? _economy[index].Code : organisation.Path.Name;
        Fail(cause is MoneyNotConservedException ? cause.Message : $"{code} failed: {cause.Message}", code, cause);
        return Directive.Stop;
    }

    /// <summary>Takes a message of the clock's protocol; false for one that is not.</summary>
    public bool TryTake(object message, IActorRef sender)
    {
        if (_failure is not null)
        {
            // An organisation that could not even be created fails the run before it is asked for: it is answered now.
            if (message is StartRun) sender.Tell(_failure);
            return true;
        }
        switch (message)
        {
            case StartRun:
                _requester = sender;
                _observer?.RunStarted(new ObservedRun(_run.RunId, _seed, _economy, _book));
                _pace.Started(Now);
                StartNextPhase();
                return true;
            case PaceElapsed:
                _pace.Waited(Now);
                StartNextPhase();
                return true;
            case PhaseCompleted completed when completed.Phase == _phase:
                Completed(completed);
                return true;
            case LaneAwake awake when awake.Phase == _phase:
                _book.Woke(awake.Taken);
                _wokenOnLanes += awake.Woken;
                if (--_lanesWaking > 0) return true;
                // The lanes woke from the same post the clock counted: a difference is a defect, which would otherwise
                // leave the phase waiting for a completion that never comes.
                if (_wokenOnLanes != _outstanding)
                {
                    Fail($"the lanes woke {_wokenOnLanes} organisations where the clock counted {_outstanding}", null,
                        new InvalidOperationException("lanes and clock disagree on who acts"));
                    return true;
                }
                foreach (var lane in _completedWhileWaking)
                    if (!Completed(lane)) break;
                _completedWhileWaking.Clear();
                return true;
            case LaneCompleted lane when lane.Phase == _phase:
                // A lane still waking takes letters out of the post, which booking would put letters into.
                if (_lanesWaking > 0) _completedWhileWaking.Add(lane);
                else Completed(lane);
                return true;
            case HistoryDurable durable:
                WriteDurable(durable.Phase);
                return true;
            case OrganisationStopped stopped:
                Fail($"{stopped.Organisation} stopped: {stopped.Reason}", stopped.Organisation, stopped.Cause, stopped.StoreFault);
                return true;
            case HistoryDigestReported reported:
                _digests[reported.Organisation] = reported.Digest;
                _events += reported.Events;
                if (--_digestsOutstanding == 0) Finish();
                return true;
            default:
                return false;
        }
    }

    /// <summary>Books a lane's batch; false once the run has failed.</summary>
    private bool Completed(LaneCompleted lane)
    {
        foreach (var completed in lane.Completions)
        {
            Completed(completed);
            if (_failure is not null) return false;
        }
        return true;
    }

    private void Completed(PhaseCompleted completed)
    {
        var report = completed.Report;
        try
        {
            _book.Completed(_economy.Calendar[_phase], report, completed.TraceParents);
        }
        catch (Exception e) when (e is MoneyNotConservedException or ArgumentException)
        {
            Fail(e.Message, _economy[report.Organisation].Code, e);
            return;
        }
        for (var i = 0; i < report.OutcomeMetrics.Length; i++)
            _phaseOutcomes[report.OutcomeMetrics[i]] += report.OutcomeValues[i];
        _history.Reported(report.Organisation, _phase, completed.Events);
        if (--_outstanding == 0) EndPhase();
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
                _host.Timers.StartSingleTimer(PaceElapsed.Instance, PaceElapsed.Instance, wait);
                return;
            }
            _phase++;
            if (_phase == _economy.Calendar.Count)
            {
                // The clock's own records are written asynchronously; wait for the last before reading digests.
                _host.AfterRecords(RequestDigests);
                return;
            }
            var phase = _economy.Calendar[_phase];
            // Each lane wakes its own organisations, at once: here only how many act is counted.
            var woken = _relays is null ? Wake(phase) : _book.CountWoken(phase);
            _observer?.PhaseStarted(phase, woken);
            if (woken == 0)
            {
                if (!CloseBooks()) return;
                continue;
            }
            _outstanding = woken;
            if (_relays is { } relays)
            {
                _lanesWaking = relays.Length;
                _wokenOnLanes = 0;
                foreach (var relay in relays) relay.Tell(new LaneWake(_phase));
            }
            else
            {
                var writeHistory = HistoryDue;
                foreach (var (index, mail) in _woken)
                    Organisations[index].Tell(new PhaseStarted(_phase, mail.Letters, writeHistory, mail.TraceParents));
                // The letters are the organisations' now: held here they would outlive their reading.
                _woken.Clear();
            }
            return;
        }
    }

    /// <summary>Wakes the phase's organisations into the list the clock keeps, for a run the clock starts alone.</summary>
    private int Wake(CalendarPhase phase)
    {
        _book.Wake(phase, _woken);
        return _woken.Count;
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
        if (_history.TakeDurableClosed() is { } durable) _host.RecordClosed(durable);
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
        if (_run.Persist && _phase >= StoredPhases)
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
        if (HistoryDue)
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

    /// <summary>Placed organisations are released once the run has ended; the clock's children stop with it.</summary>
    public void Stop()
    {
        if (_organisations is not null)
            foreach (var (organisation, release) in _organisations.Releases()) organisation.Tell(release);
    }

    /// <summary>The store failed under the clock's own records: the run can be carried on once the store is back.</summary>
    public void StoreFailed(string reason, Exception cause) => Fail(reason, null, cause, storeFault: true);

    private void Fail(string reason, string? organisation, Exception cause, bool storeFault = false)
    {
        if (_failure is not null) return;
        var phase = _phase >= 0 && _phase < _economy.Calendar.Count ? $"tick {_economy.Calendar[_phase].Tick}, phase {_phase}: {_economy.Calendar[_phase]}" : null;
        _failure = new RunFailed(reason, organisation, phase, cause, storeFault);
        _observer?.RunFailed(_failure);
        _requester?.Tell(_failure);
    }
}
