using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

// Extension points for telemetry and dashboards. The engine calls them but never depends on what they do: an observer
// reads the run's books and the organisations' letters, and nothing it returns reaches a decision, so a run observed
// and a run not observed write the same history.

/// <summary>Progress after each phase, for progress bars and live telemetry.</summary>
public sealed record RunProgress(int PhasesDone, int PhaseCount, CalendarPhase Phase, RunBook Book);

/// <summary>What a run is, handed to an observer before its first phase.</summary>
public sealed record ObservedRun(string RunId, long Seed, EconomyIndex Economy, RunBook Book);

/// <summary>
/// Watches a run phase by phase. Every method is called on the run clock, one call at a time, between phases of the
/// counted barrier, so an observer may read the books without locks; it must be quick, because the next phase waits.
/// </summary>
public interface IRunObserver
{
    void RunStarted(ObservedRun run);

    void PhaseStarted(CalendarPhase phase, int organisationsWoken);

    /// <summary>After the phase's books are closed and money is checked; <see cref="RunProgress.Book"/> holds the outcomes so far.</summary>
    void PhaseEnded(RunProgress progress);

    void RunFinished(RunSummary summary);

    void RunFailed(RunFailed failure);

    /// <summary>Follows letters between organisations (for traces), or null to leave letters untouched.</summary>
    ILetterTracer? Letters => null;
}

/// <summary>
/// Follows conversations between organisations across phases by carrying a W3C trace context in the letters that
/// belong to them. Called on the organisation actors' threads, concurrently: an implementation keeps any state per
/// organisation index (each organisation is only ever called on from its own actor).
/// </summary>
public interface ILetterTracer
{
    /// <summary>Whether the tracer wants to see activations in phases of this kind; other phases cost nothing.</summary>
    bool Follows(PhaseKind phase);

    /// <summary>
    /// After an organisation acted. <paramref name="inboundTraceParents"/> runs parallel to <paramref name="inbox"/>
    /// (null where a letter carried no context); the tracer fills <paramref name="outboundTraceParents"/>, parallel to
    /// <paramref name="outgoing"/>, with the context each letter should carry, or leaves null.
    /// </summary>
    void Activated(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inboundTraceParents,
        IReadOnlyList<HistoryEvent> events, IReadOnlyList<OutgoingLetter> outgoing, string?[] outboundTraceParents);
}

/// <summary>How a run is watched and paced. None of it changes the run's history.</summary>
public sealed record RunOptions
{
    public static readonly RunOptions None = new();

    /// <summary>Called after each phase (progress bars).</summary>
    public Action<RunProgress>? Progress { get; init; }

    public IRunObserver? Observer { get; init; }

    /// <summary>
    /// The least wall time a simulated month may take, so that a person can watch a run that would otherwise finish in
    /// a second. The clock waits before the first phase of the next month; zero runs flat out.
    /// </summary>
    public TimeSpan MonthPace { get; init; }

    /// <summary>A deliberate failure in one organisation's decision (fault-injection tests); null for none.</summary>
    public InjectedFault? Fault { get; init; }

    /// <summary>
    /// Where the organisations live when they are not the clock's own children (sharded over a cluster); null, the
    /// default, keeps the whole run in this actor system.
    /// </summary>
    public IOrganisationPlacement? Placement { get; init; }

    /// <summary>
    /// The run id has no stored history yet (a new run, not a resumed one), so its actors need not read their journals
    /// back when they start: at England scale that is 1,657 look-ups saved. Leave it false to carry a run on.
    /// </summary>
    public bool NewHistory { get; init; }

    /// <summary>How often organisations write their events; every cadence stores the same history.</summary>
    public Persistence.HistoryCadence HistoryCadence { get; init; }

    /// <summary>
    /// The dispatcher the run's clock and organisations act on: null, the default, spreads the run over every core;
    /// a <see cref="RunLanes"/> lane keeps it on one thread while other runs take the other cores.
    /// </summary>
    public string? Dispatcher { get; init; }

    /// <summary>The props of one of the run's actors (its clock, its organisations), on the run's dispatcher.</summary>
    internal Akka.Actor.Props OnDispatcher(Akka.Actor.Props props) => Dispatcher is null ? props : props.WithDispatcher(Dispatcher);
}

/// <summary>
/// Organisations placed outside the clock (over a cluster): how to reach each, what tells it which organisation of which
/// run it is, and what releases it after the run. The counted barrier needs nothing else: arrival order never matters.
/// </summary>
public interface IOrganisationPlacement
{
    IActorRef Organisation(int index);

    /// <summary>The first message to an organisation: it builds itself from it and answers the given clock.</summary>
    object Placed(int index, IActorRef clock);

    /// <summary>Sent to every organisation once the run has ended, so nodes do not keep a finished run's state.</summary>
    object Released { get; }
}
