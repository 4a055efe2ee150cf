using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>Sees each event of an activation as it is hashed, then the activation whole, before any letter is sent.</summary>
internal interface IActivationRecorder
{
    /// <summary>An event at this place in the organisation's history, as its canonical JSON.</summary>
    void Hashed(long index, ReadOnlySpan<byte> json, HistoryEvent e);

    /// <summary>The activation recorded the events from <paramref name="first"/> up to, not including, <paramref name="end"/>.</summary>
    void Recorded(long first, long end);
}

/// <summary>
/// What every organisation actor does, whether or not its history is stored: it buffers letters until it holds every
/// letter the clock says was sent to it in earlier phases, applies them in canonical order through the organisation's
/// pure rules, hashes the activation's events into its history digest and sends one letter per recipient. Arrival order
/// never matters, so thread count never changes the history. The actor that owns it answers the clock.
/// </summary>
internal sealed class OrganisationShell(Organisation organisation, EconomyIndex economy, ILetterTracer? tracer, InjectedFault? fault) : IDisposable
{
    // An activation's context lives only while it acts, on one thread: one a thread serves every organisation acting
    // there, where one each held every organisation's largest activation all run.
    [ThreadStatic] private static StepContext? t_context;
    private readonly HistoryHasher _history = new();
    private readonly List<Letter> _buffer = [];
    private readonly List<Letter> _inbox = [];
    private readonly Dictionary<(int SentPhase, int Sender), string> _traceParents = [];
    private IReadOnlyList<IActorRef> _directory = [];
    private PhaseStarted? _current;
    private int _ready;

    public string Code => organisation.Profile.Code;

    public IReadOnlyList<CalendarPhase> Calendar => economy.Calendar;

    /// <summary>Who sent the phase now being waited for or acted in: the clock, which hears of the activation.</summary>
    public IActorRef Clock { get; private set; } = ActorRefs.Nobody;

    /// <summary>
    /// Takes a message every organisation actor handles alike (letters, the start of a phase, the directory, the
    /// request for its digest); false for a message that is the actor's own to handle.
    /// </summary>
    public bool TryTake(object message, IActorRef sender)
    {
        switch (message)
        {
            case Letter letter:
                Hold(letter);
                return true;
            case TracedLetter traced:
                Hold(traced);
                return true;
            case PhaseStarted started:
                Start(started, sender);
                return true;
            case DirectoryAssigned directory:
                _directory = directory.Organisations;
                return true;
            case HistoryDigestRequested:
                sender.Tell(Digest());
                return true;
            default:
                return false;
        }
    }

    private void Hold(Letter letter)
    {
        _buffer.Add(letter);
        if (_current is { } phase && letter.SentPhase < phase.Phase) _ready++;
    }

    private void Hold(TracedLetter traced)
    {
        _traceParents[(traced.Letter.SentPhase, traced.Letter.Sender)] = traced.TraceParent;
        Hold(traced.Letter);
    }

    private void Start(PhaseStarted started, IActorRef clock)
    {
        Clock = clock;
        _current = started;
        _ready = 0;
        foreach (var l in _buffer)
            if (l.SentPhase < started.Phase) _ready++;
    }

    /// <summary>
    /// Acts in the phase started once every announced letter is held, and returns what the clock is to hear; null while
    /// letters are still awaited. <paramref name="recorder"/> sees every event the activation recorded.
    /// </summary>
    public PhaseCompleted? TryAct(IActivationRecorder? recorder)
    {
        if (_current is not { } started || _ready < started.ExpectedLetters) return null;
        if (_ready > started.ExpectedLetters)
            throw new InvalidOperationException($"{Code} holds {_ready} letters for phase {started.Phase}, expected {started.ExpectedLetters}.");
        _current = null;

        TakeInbox(started.Phase);
        var phase = economy.Calendar[started.Phase];
        if (fault is { } f && f.Strikes(Code, started.Phase))
            throw new InjectedFaultException(Code, started.Phase);
        var context = t_context is { } held && held.Economy == economy ? held : t_context = new StepContext(economy);
        organisation.Activate(context, phase, _inbox);
        var first = _history.Events;
        var events = context.Events;
        for (var i = 0; i < events.Count; i++)
        {
            var index = _history.Events;
            var json = _history.Append(events[i]);
            recorder?.Hashed(index, json, events[i]);
        }
        recorder?.Recorded(first, _history.Events);
        // Only phases the tracer follows, or letters that carried a context, take the slower traced path.
        if (tracer is not null && (_traceParents.Count > 0 || tracer.Follows(phase.Kind)))
            SendTraced(phase, tracer, context);
        else
        {
            var self = organisation.Index;
            var letters = context.Letters;
            for (var i = 0; i < letters.Count; i++)
                _directory[letters[i].Recipient].Tell(new Letter(started.Phase, self, letters[i].Items));
        }
        return new PhaseCompleted(started.Phase, SequentialRun.Report(organisation, context));
    }

    /// <summary>Moves the letters sent before this phase from the buffer to the inbox, in canonical order.</summary>
    private void TakeInbox(int phase)
    {
        _inbox.Clear();
        var kept = 0;
        for (var i = 0; i < _buffer.Count; i++)
        {
            var letter = _buffer[i];
            if (letter.SentPhase < phase) _inbox.Add(letter);
            else _buffer[kept++] = letter;
        }
        _buffer.RemoveRange(kept, _buffer.Count - kept);
        _inbox.Sort();
    }

    private HistoryDigestReported Digest() => new(organisation.Index, _history.Current(), _history.Events);

    /// <summary>Sends this activation's letters, each with the trace context the tracer gives it, if any.</summary>
    private void SendTraced(CalendarPhase phase, ILetterTracer letterTracer, StepContext context)
    {
        var inbound = new string?[_inbox.Count];
        if (_traceParents.Count > 0)
            for (var i = 0; i < _inbox.Count; i++)
                if (_traceParents.Remove((_inbox[i].SentPhase, _inbox[i].Sender), out var parent)) inbound[i] = parent;
        var letters = context.Letters;
        var outbound = new string?[letters.Count];
        if (letterTracer.Follows(phase.Kind))
            letterTracer.Activated(organisation.Profile, phase, _inbox, inbound, context.Events, letters, outbound);
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = new Letter(phase.Index, organisation.Index, letters[i].Items);
            _directory[letters[i].Recipient].Tell(outbound[i] is { } traceParent ? new TracedLetter(letter, traceParent) : letter);
        }
    }

    public void Dispose() => _history.Dispose();
}
