using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// A thin shell around one organisation. It buffers letters until it holds every letter the clock says was sent to it
/// in earlier phases, applies them in canonical order through the organisation's pure rules, sends one letter per
/// recipient, and reports back. Arrival order never matters, so thread count never changes the history.
/// </summary>
public sealed class OrganisationActor : UntypedActor
{
    private readonly Organisation _organisation;
    private readonly StepContext _context;
    private readonly HistoryHasher _history = new();
    private readonly IReadOnlyList<CalendarPhase> _calendar;
    private readonly List<Letter> _buffer = [];
    private readonly List<Letter> _inbox = [];
    private readonly ILetterTracer? _tracer;
    private readonly Dictionary<(int SentPhase, int Sender), string> _traceParents = [];
    private IReadOnlyList<IActorRef> _directory = [];
    private PhaseStarted? _current;
    private IActorRef _clock = ActorRefs.Nobody;
    private int _ready;

    public OrganisationActor(Organisation organisation, EconomyIndex economy) : this(organisation, economy, null)
    {
    }

    public OrganisationActor(Organisation organisation, EconomyIndex economy, ILetterTracer? tracer)
    {
        _tracer = tracer;
        _organisation = organisation;
        _context = new StepContext(economy);
        _calendar = economy.Calendar;
    }

    public static Props Props(Organisation organisation, EconomyIndex economy) =>
        Akka.Actor.Props.Create(() => new OrganisationActor(organisation, economy));

    public static Props Props(Organisation organisation, EconomyIndex economy, ILetterTracer? tracer) =>
        Akka.Actor.Props.Create(() => new OrganisationActor(organisation, economy, tracer));

    protected override void OnReceive(object message)
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
        _organisation.Activate(_context, phase, _inbox);
        foreach (var e in _context.Events) _history.Append(e);
        var self = _organisation.Index;
        if (_tracer is not null && _tracer.Follows(phase.Kind))
            SendTraced(phase, _tracer);
        else
            foreach (var letter in _context.Letters)
                _directory[letter.Recipient].Tell(new Letter(started.Phase, self, letter.Items));
        _clock.Tell(new PhaseCompleted(started.Phase, SequentialRun.Report(_organisation, _context)));
    }

    private void SendTraced(CalendarPhase phase, ILetterTracer tracer)
    {
        var inbound = new string?[_inbox.Count];
        for (var i = 0; i < _inbox.Count; i++)
            if (_traceParents.Remove((_inbox[i].SentPhase, _inbox[i].Sender), out var parent)) inbound[i] = parent;
        var letters = _context.Letters;
        var outbound = new string?[letters.Count];
        tracer.Activated(_organisation.Profile, phase, _inbox, inbound, _context.Events, letters, outbound);
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = new Letter(phase.Index, _organisation.Index, letters[i].Items);
            _directory[letters[i].Recipient].Tell(outbound[i] is { } context ? new TracedLetter(letter, context) : letter);
        }
    }

    protected override void PostStop() => _history.Dispose();
}
