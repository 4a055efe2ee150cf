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
/// What every organisation actor does, whether or not its history is stored: when the clock starts a phase it puts the
/// letters the clock hands it in canonical order and acts on them through the organisation's pure rules, hashes the
/// activation's events into its history digest, and gives back the letters it sent, one per recipient, for the clock to
/// hold until their recipients act. The actor that owns it answers the clock.
/// </summary>
internal sealed class OrganisationShell(Organisation organisation, EconomyIndex economy, ILetterTracer? tracer, InjectedFault? fault) : IDisposable
{
    // An activation's context lives only while it acts, on one thread: one a thread serves every organisation acting
    // there, where one each held every organisation's largest activation all run.
    [ThreadStatic] private static StepContext? t_context;
    private readonly HistoryHasher _history = new();
    private EventHashed? _hashed;

    public string Code => organisation.Profile.Code;

    public IReadOnlyList<CalendarPhase> Calendar => economy.Calendar;

    /// <summary>Who started the phase last acted in: the clock, which hears of the activation.</summary>
    public IActorRef Clock { get; private set; } = ActorRefs.Nobody;

    /// <summary>
    /// Takes a message every organisation actor handles alike (the start of a phase, the request for its digest) and
    /// returns the completion to send the clock after a phase; false for a message that is the actor's own to handle.
    /// <paramref name="recorder"/> sees every event an activation recorded.
    /// </summary>
    public bool TryTake(object message, IActorRef sender, IActivationRecorder? recorder, out PhaseCompleted? completed)
    {
        completed = null;
        switch (message)
        {
            case PhaseStarted started:
                Clock = sender;
                completed = Act(started, recorder);
                return true;
            case HistoryDigestRequested:
                sender.Tell(new HistoryDigestReported(organisation.Index, _history.Current(), _history.Events));
                return true;
            default:
                return false;
        }
    }

    private PhaseCompleted Act(PhaseStarted started, IActivationRecorder? recorder)
    {
        var phase = economy.Calendar[started.Phase];
        if (fault is { } f && f.Strikes(Code, started.Phase))
            throw new InjectedFaultException(Code, started.Phase);
        var context = t_context is { } held && held.Economy == economy ? held : t_context = new StepContext(economy);
        started.Letters.PutInCanonicalOrder(started.TraceParents);
        organisation.Activate(context, phase, started.Letters);
        var first = _history.Events;
        // The recorder is the actor hosting this shell, the same every activation: its delegate is made once.
        _hashed ??= recorder is null ? null : recorder.Hashed;
        _history.AppendAll(context.Events, _hashed);
        recorder?.Recorded(first, _history.Events);
        // Only phases the tracer follows take the slower traced path.
        var traceParents = tracer is not null && tracer.Follows(phase.Kind) ? Traced(phase, tracer, started, context) : null;
        return new PhaseCompleted(started.Phase, SequentialRun.Report(organisation, context), TraceParents: traceParents);
    }

    /// <summary>The trace context the tracer gives each letter this activation sent.</summary>
    private string?[] Traced(CalendarPhase phase, ILetterTracer letterTracer, PhaseStarted started, StepContext context)
    {
        var outbound = new string?[context.Letters.Count];
        letterTracer.Activated(organisation.Profile, phase, started.Letters, started.TraceParents ?? new string?[started.Letters.Count],
            context.Events, context.Letters, outbound);
        return outbound;
    }

    public void Dispose() => _history.Dispose();
}
