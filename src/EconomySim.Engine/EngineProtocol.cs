using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using Inbox = EconomySim.Domain.Inbox;

namespace EconomySim.Engine;

// The engine's protocol: what the clock, the organisation actors and whoever starts a run say to one another. Letters
// between organisations are the Domain's (Domain.Letter); they travel inside the clock's messages, which hold each for
// its recipient until a phase wakes it. Every message carries IEngineMessage, by which the serializers find it: a new
// message needs nothing but its record with the marker.

/// <summary>Marks the engine's messages, so that a serializer binding names one type and covers them all.</summary>
public interface IEngineMessage;

/// <summary>Clock to organisation: act in this phase on these letters, every one sent to you in earlier phases and not yet read.</summary>
/// <param name="Letters">In the order they were posted: the organisation reads them in canonical order, by the phase each was sent in, then by sender.</param>
/// <param name="WriteHistory">The history is written when this phase closes: write what you hold once you have acted.</param>
/// <param name="TraceParents">The W3C traceparent each letter carried (or null), where a traced conversation sent any.</param>
public sealed record PhaseStarted(int Phase, Inbox Letters, bool WriteHistory = false, string?[]? TraceParents = null) : IEngineMessage;

/// <summary>What an organisation did with the events it has recorded but not yet written.</summary>
public enum UnwrittenEvents
{
    /// <summary>It holds none.</summary>
    None = 0,
    /// <summary>It is writing them; a <see cref="HistoryDurable"/> follows.</summary>
    Writing = 1,
    /// <summary>It holds them until a <see cref="HistoryWriteDue"/>.</summary>
    Held = 2,
}

/// <summary>Organisation to clock: done with the phase; what was sent, received and recorded, and the letters it sent (in its report).</summary>
/// <param name="TraceParents">The trace context for each letter of the report (or null), where the activation was traced.</param>
public sealed record PhaseCompleted(int Phase, ActivationReport Report, UnwrittenEvents Events = UnwrittenEvents.None, string?[]? TraceParents = null) : IEngineMessage;

/// <summary>Clock to an organisation holding events when the phase that ends the history's cadence has closed: write them.</summary>
public sealed record HistoryWriteDue(int Phase) : IEngineMessage;

/// <summary>Organisation to clock: the events it wrote for this phase's history write are durable.</summary>
public sealed record HistoryDurable(int Phase) : IEngineMessage;

/// <summary>Clock to organisation after the last phase: send your history digest.</summary>
public sealed record HistoryDigestRequested : IEngineMessage
{
    public static readonly HistoryDigestRequested Instance = new();
}

public sealed record HistoryDigestReported(int Organisation, byte[] Digest, long Events) : IEngineMessage;

/// <summary>Asks the clock to run the whole calendar; the clock answers the sender with a RunFinished or a RunFailed.</summary>
public sealed record StartRun : IEngineMessage;

public sealed record RunFinished(RunSummary Summary) : IEngineMessage;

/// <param name="Organisation">Code of the organisation whose decision failed, if the failure was inside one.</param>
/// <param name="StoreFault">The history store failed (not the model): the run can be carried on once the store is back.</param>
public sealed record RunFailed(string Reason, string? Organisation, string? Phase, Exception? Cause, bool StoreFault = false) : IEngineMessage;

/// <summary>Organisation to clock: it stopped and cannot go on (its history could not be written or read).</summary>
public sealed record OrganisationStopped(string Organisation, string Reason, Exception Cause, bool StoreFault = true) : IEngineMessage;

// Between the clock and its lane relays (LaneRelay). A relay shares its clock's process, but its messages carry the
// marker like every other, so that a serializer finds them should they ever cross nodes.

/// <summary>Clock to a lane relay: wake the lane's organisations that act in this phase, with their letters from the run's post, and start them.</summary>
public sealed record LaneWake(int Phase) : IEngineMessage;

/// <summary>Lane relay to clock: the lane's organisations that act are awake; their letters, and the pence in them, are out of the post.</summary>
/// <param name="Taken">What the wake took out of the post, for the book's totals.</param>
public sealed record LaneAwake(int Phase, int Woken, WakeTally Taken) : IEngineMessage;

/// <summary>Lane relay to clock: these organisations of the lane have completed the phase.</summary>
public sealed record LaneCompleted(int Phase, PhaseCompleted[] Completions) : IEngineMessage;

/// <summary>The clock to itself: the pause that paces a month is over.</summary>
internal sealed record PaceElapsed : IEngineMessage
{
    public static readonly PaceElapsed Instance = new();
}
