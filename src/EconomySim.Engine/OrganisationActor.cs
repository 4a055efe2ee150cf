using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>
/// A thin shell around one organisation. It buffers letters until it holds every letter the clock says was sent to it
/// in earlier phases, applies them in canonical order through the organisation's pure rules, sends one letter per
/// recipient, and keeps the activation's events until the clock says the history is due (each phase, month or year:
/// <see cref="Persistence.HistoryCadence"/>); then it writes all it holds as one atomic journal entry and reports when
/// that is durable. Arrival order never matters, so thread count never changes the history.
/// </summary>
/// <remarks>
/// Recovery is by deterministic re-execution: a resumed run computes every activation again from the scenario and
/// seed, and an organisation whose journal already holds an activation's events checks that it computed the same
/// bytes instead of writing them twice (<see cref="ResumedHistory"/>). A journal that disagrees with the code stops the
/// run, naming the first event that differs.
/// </remarks>
public sealed class OrganisationActor : UntypedPersistentActor
{
    private readonly Organisation _organisation;
    private readonly StepContext _context;
    private readonly HistoryHasher _history = new();
    // Only a resumed run has a stored history to check against: new runs never create one.
    private ResumedHistory? _stored;
    private readonly IReadOnlyList<CalendarPhase> _calendar;
    private readonly RunIdentity _run;
    private readonly ImmutableHashSet<string> _tags;
    private readonly List<Letter> _buffer = [];
    private readonly List<Letter> _inbox = [];
    private readonly ILetterTracer? _tracer;
    private readonly InjectedFault? _fault;
    private readonly Dictionary<(int SentPhase, int Sender), string> _traceParents = [];
    private IReadOnlyList<IActorRef> _directory = [];
    private PhaseStarted? _current;
    private IActorRef _clock = ActorRefs.Nobody;
    private int _ready;
    private readonly HeldEvents _held = new();

    public OrganisationActor(Organisation organisation, EconomyIndex economy, RunIdentity run) : this(organisation, economy, run, null)
    {
    }

    /// <param name="tracer">Follows letters for traces; null leaves letters exactly as without telemetry.</param>
    public OrganisationActor(Organisation organisation, EconomyIndex economy, RunIdentity run, ILetterTracer? tracer, InjectedFault? fault = null)
    {
        _tracer = tracer;
        _fault = fault;
        _organisation = organisation;
        _context = new StepContext(economy);
        _calendar = economy.Calendar;
        _run = run;
        _tags = [run.RunId];
        PersistenceId = RunJournal.PersistenceId(run.RunId, organisation.Profile);
    }

    public static Props Props(Organisation organisation, EconomyIndex economy, RunIdentity run) =>
        Akka.Actor.Props.Create(() => new OrganisationActor(organisation, economy, run));

    public static Props Props(Organisation organisation, EconomyIndex economy, RunIdentity run, ILetterTracer? tracer, InjectedFault? fault = null) =>
        Akka.Actor.Props.Create(() => new OrganisationActor(organisation, economy, run, tracer, fault));

    public override string PersistenceId { get; }

    public override Recovery Recovery => _run.Recovery;

    protected override void OnRecover(object message)
    {
        if (message is EventsRecorded entry)
            (_stored ??= new(_organisation.Profile.Code)).Recovered(entry);
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Letter letter:
                Receive(letter);
                break;
            case TracedLetter traced:
                _traceParents[(traced.Letter.SentPhase, traced.Letter.Sender)] = traced.TraceParent;
                Receive(traced.Letter);
                break;
            case PhaseStarted started:
                _clock = Sender;
                _current = started;
                _ready = 0;
                foreach (var l in _buffer)
                    if (l.SentPhase < started.Phase) _ready++;
                TryAct();
                break;
            case HistoryWriteDue due:
                if (_held.Count > 0) WriteHeldEvents(due.Phase);
                else Sender.Tell(new HistoryDurable(due.Phase));
                break;
            case DirectoryAssigned directory:
                _directory = directory.Organisations;
                break;
            case HistoryDigestRequested:
                Sender.Tell(new HistoryDigestReported(_organisation.Index, _history.Current(), _history.Events));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Receive(Letter letter)
    {
        _buffer.Add(letter);
        if (_current is { } phase && letter.SentPhase < phase.Phase) _ready++;
        TryAct();
    }

    private void TryAct()
    {
        if (_current is not { } started || _ready < started.ExpectedLetters) return;
        if (_ready > started.ExpectedLetters)
            throw new InvalidOperationException($"{_organisation.Profile.Code} holds {_ready} letters for phase {started.Phase}, expected {started.ExpectedLetters}.");
        _current = null;

        _inbox.Clear();
        for (var i = _buffer.Count - 1; i >= 0; i--)
        {
            if (_buffer[i].SentPhase >= started.Phase) continue;
            _inbox.Add(_buffer[i]);
            _buffer.RemoveAt(i);
        }
        _inbox.Sort();

        var phase = _calendar[started.Phase];
        if (_fault is { } fault && fault.Strikes(_organisation.Profile.Code, started.Phase))
            throw new InjectedFaultException(_organisation.Profile.Code, started.Phase);
        _organisation.Activate(_context, phase, _inbox);
        var before = _history.Events;
        foreach (var e in _context.Events)
        {
            var index = _history.Events;
            var json = _history.Append(e);
            if (_stored is not null && _stored.Holds(index)) _stored.Check(index, json, _calendar[e.Phase]);
            else if (_run.Persist) _held.Hold(json);
        }
        _stored?.CheckActivation(before, _history.Events);
        var self = _organisation.Index;
        // Only phases the tracer follows, or letters that carried a context, take the slower traced path.
        if (_tracer is not null && (_traceParents.Count > 0 || _tracer.Follows(phase.Kind)))
            SendTraced(phase, _tracer);
        else
            foreach (var letter in _context.Letters)
                _directory[letter.Recipient].Tell(new Letter(started.Phase, self, letter.Items));
        var completed = new PhaseCompleted(started.Phase, SequentialRun.Report(_organisation, _context));

        if (_held.Count == 0)
            _clock.Tell(completed);
        else if (started.WriteHistory)
        {
            WriteHeldEvents(started.Phase);
            _clock.Tell(completed with { Events = UnwrittenEvents.Writing });
        }
        else
            _clock.Tell(completed with { Events = UnwrittenEvents.Held });
    }

    /// <summary>
    /// Writes every held event as one entry. The organisation goes on acting while it is written (the clock bounds how
    /// far the history may trail); the journal still grows by whole entries, in order, as Akka.Persistence sends an
    /// actor's next write only when its previous one is done.
    /// </summary>
    private void WriteHeldEvents(int phase)
    {
        var entry = _held.Take(phase);
        var clock = _clock;
        var durable = new HistoryDurable(phase);
        PersistAsync(new Tagged(entry, _tags), _ => clock.Tell(durable));
    }

    /// <summary>Sends this activation's letters, each with the trace context the tracer gives it, if any.</summary>
    private void SendTraced(CalendarPhase phase, ILetterTracer tracer)
    {
        var inbound = new string?[_inbox.Count];
        if (_traceParents.Count > 0)
            for (var i = 0; i < _inbox.Count; i++)
                if (_traceParents.Remove((_inbox[i].SentPhase, _inbox[i].Sender), out var parent)) inbound[i] = parent;
        var letters = _context.Letters;
        var outbound = new string?[letters.Count];
        if (tracer.Follows(phase.Kind))
            tracer.Activated(_organisation.Profile, phase, _inbox, inbound, _context.Events, letters, outbound);
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = new Letter(phase.Index, _organisation.Index, letters[i].Items);
            _directory[letters[i].Recipient].Tell(outbound[i] is { } context ? new TracedLetter(letter, context) : letter);
        }
    }

    /// <summary>A history that cannot be written stops the run with the organisation and the cause named.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new OrganisationStopped(_organisation.Profile.Code, $"its history could not be written: {cause.GetBaseException().Message}", cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new OrganisationStopped(_organisation.Profile.Code, $"the store rejected its history: {cause.GetBaseException().Message}", cause));
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new OrganisationStopped(_organisation.Profile.Code, $"its stored history could not be read: {reason.GetBaseException().Message}", reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void PostStop()
    {
        _history.Dispose();
        base.PostStop();
    }
}

/// <summary>The run an actor belongs to and whether its history is kept.</summary>
/// <param name="NewHistory">Nothing is stored under this run id yet, so there is no journal to read back.</param>
public sealed record RunIdentity(string RunId, bool Persist, bool NewHistory = false)
{
    public Recovery Recovery => NewHistory ? Recovery.None : Recovery.Default;
}
