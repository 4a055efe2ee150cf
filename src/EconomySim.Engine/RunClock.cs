using System.Diagnostics;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// Drives the calendar with a counted barrier: it wakes the organisations a phase concerns, telling each how many
/// letters to wait for, and starts the next phase only when all have completed. It keeps the run's books, checks money
/// is conserved after every phase, and at the end combines the organisations' history digests.
/// </summary>
public sealed class RunClock : UntypedActor, IWithTimers
{
    private readonly EconomyIndex _economy;
    private readonly long _seed;
    private readonly string _runId;
    private readonly Action<RunProgress>? _progress;
    private readonly IRunObserver? _observer;
    private readonly TimeSpan _monthPace;
    private long _monthStarted;
    private readonly RunBook _book;
    private readonly IActorRef[] _organisations;
    private readonly Dictionary<IActorRef, int> _indexOf = [];
    private readonly byte[][] _digests;
    private IActorRef? _requester;
    private int _phase = -1;
    private int _outstanding;
    private int _digestsOutstanding;
    private long _events;
    private bool _failed;

    public ITimerScheduler Timers { get; set; } = null!;

    public RunClock(EconomyIndex economy, long seed, Action<RunProgress>? progress) : this(economy, seed, "", new RunOptions { Progress = progress })
    {
    }

    public RunClock(EconomyIndex economy, long seed, string runId, RunOptions options)
    {
        _economy = economy;
        _seed = seed;
        _runId = runId;
        _progress = options.Progress;
        _observer = options.Observer;
        _monthPace = options.MonthPace;
        _book = new RunBook(economy);
        _organisations = new IActorRef[economy.Count];
        _digests = new byte[economy.Count][];
    }

    public static Props Props(EconomyIndex economy, long seed, Action<RunProgress>? progress) =>
        Akka.Actor.Props.Create(() => new RunClock(economy, seed, progress));

    public static Props Props(EconomyIndex economy, long seed, string runId, RunOptions options) =>
        Akka.Actor.Props.Create(() => new RunClock(economy, seed, runId, options));

    /// <summary>An organisation that throws stops; the clock reports which one, in which phase, and ends the run.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, cause =>
        {
            var code = _indexOf.TryGetValue(Sender, out var index) ? _economy[index].Code : Sender.Path.Name;
            Fail(cause is MoneyNotConservedException ? cause.Message : $"{code} failed: {cause.Message}", code, cause);
            return Directive.Stop;
        });

    protected override void PreStart()
    {
        var tracer = _observer?.Letters;
        for (var i = 0; i < _economy.Count; i++)
        {
            var organisation = Organisation.Create(_economy[i], _economy, _seed);
            _organisations[i] = Context.ActorOf(OrganisationActor.Props(organisation, _economy, tracer), _economy[i].Code);
            _indexOf[_organisations[i]] = i;
        }
        var directory = new DirectoryAssigned(_organisations);
        foreach (var o in _organisations) o.Tell(directory);
    }

    protected override void OnReceive(object message)
    {
        if (_failed) return;
        switch (message)
        {
            case StartRun:
                _requester = Sender;
                _observer?.RunStarted(new ObservedRun(_runId, _seed, _economy, _book));
                _monthStarted = Stopwatch.GetTimestamp();
                StartNextPhase();
                break;
            case PaceElapsed:
                _monthStarted = Stopwatch.GetTimestamp();
                StartNextPhase(paced: true);
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
                if (--_outstanding == 0) EndPhase();
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

    private void StartNextPhase(bool paced = false)
    {
        while (true)
        {
            if (!paced && WaitForPace()) return;
            paced = false;
            _phase++;
            if (_phase == _economy.Calendar.Count)
            {
                RequestDigests();
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
            foreach (var (index, expected) in woken)
                _organisations[index].Tell(new PhaseStarted(_phase, expected));
            return;
        }
    }

    /// <summary>
    /// Between the last phase of a month and the first of the next, holds the run until the month has lasted its pace.
    /// Wall time decides only when the next phase starts, never what anyone does in it.
    /// </summary>
    private bool WaitForPace()
    {
        if (_monthPace <= TimeSpan.Zero || _phase < 0 || _phase + 1 >= _economy.Calendar.Count) return false;
        if (_economy.Calendar[_phase + 1].Tick == _economy.Calendar[_phase].Tick) return false;
        var remaining = _monthPace - Stopwatch.GetElapsedTime(_monthStarted);
        if (remaining <= TimeSpan.Zero)
        {
            _monthStarted = Stopwatch.GetTimestamp();
            return false;
        }
        Timers.StartSingleTimer(PaceElapsed.Instance, PaceElapsed.Instance, remaining);
        return true;
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
        _digestsOutstanding = _organisations.Length;
        foreach (var o in _organisations) o.Tell(HistoryDigestRequested.Instance);
    }

    private void Finish()
    {
        var digest = HistoryHasher.Combine(_economy.Profiles.Select(p => (p.Code, _digests[p.Index])).ToList());
        var summary = new RunSummary(digest, _book.Outcomes(), _book.MessagesSent, _events, _economy.Calendar.Count, _book.PhasesConserved);
        _observer?.RunFinished(summary);
        _requester?.Tell(new RunFinished(summary));
    }

    private void Fail(string reason, string? organisation, Exception cause)
    {
        if (_failed) return;
        _failed = true;
        var phase = _phase >= 0 && _phase < _economy.Calendar.Count ? _economy.Calendar[_phase].ToString() : null;
        var failed = new RunFailed(reason, organisation, phase, cause);
        _observer?.RunFailed(failed);
        _requester?.Tell(failed);
    }
}
