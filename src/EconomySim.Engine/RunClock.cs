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
public sealed class RunClock : UntypedActor
{
    private readonly EconomyIndex _economy;
    private readonly long _seed;
    private readonly Action<RunProgress>? _progress;
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

    public RunClock(EconomyIndex economy, long seed, Action<RunProgress>? progress)
    {
        _economy = economy;
        _seed = seed;
        _progress = progress;
        _book = new RunBook(economy);
        _organisations = new IActorRef[economy.Count];
        _digests = new byte[economy.Count][];
    }

    public static Props Props(EconomyIndex economy, long seed, Action<RunProgress>? progress) =>
        Akka.Actor.Props.Create(() => new RunClock(economy, seed, progress));

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
        for (var i = 0; i < _economy.Count; i++)
        {
            var organisation = Organisation.Create(_economy[i], _economy, _seed);
            _organisations[i] = Context.ActorOf(OrganisationActor.Props(organisation, _economy), _economy[i].Code);
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

    private void StartNextPhase()
    {
        while (true)
        {
            _phase++;
            if (_phase == _economy.Calendar.Count)
            {
                RequestDigests();
                return;
            }
            var woken = _book.Wake(_economy.Calendar[_phase]);
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
        _progress?.Invoke(new RunProgress(_phase + 1, _economy.Calendar.Count, phase, _book));
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
        _requester?.Tell(new RunFinished(summary));
    }

    private void Fail(string reason, string? organisation, Exception cause)
    {
        if (_failed) return;
        _failed = true;
        var phase = _phase >= 0 && _phase < _economy.Calendar.Count ? _economy.Calendar[_phase].ToString() : null;
        _requester?.Tell(new RunFailed(reason, organisation, phase, cause));
    }
}
