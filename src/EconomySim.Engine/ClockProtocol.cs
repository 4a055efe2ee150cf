using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

// The protocol between the clock and the organisation actors. Letters between organisations are Domain.Letter records.

/// <summary>Clock to organisation: act in this phase once you hold this many letters sent in earlier phases.</summary>
/// <param name="WriteHistory">The history is written when this phase closes: write what you hold once you have acted.</param>
public sealed record PhaseStarted(int Phase, int ExpectedLetters, bool WriteHistory = false);

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

/// <summary>Organisation to clock: done with the phase; what was sent, received and recorded.</summary>
public sealed record PhaseCompleted(int Phase, ActivationReport Report, UnwrittenEvents Events = UnwrittenEvents.None);

/// <summary>Clock to an organisation holding events when the phase that ends the history's cadence has closed: write them.</summary>
public sealed record HistoryWriteDue(int Phase);

/// <summary>Organisation to clock: the events it wrote for this phase's history write are durable.</summary>
public sealed record HistoryDurable(int Phase);

/// <summary>Clock to organisation: tells it where every organisation is, before the first phase.</summary>
public sealed record DirectoryAssigned(IReadOnlyList<IActorRef> Organisations);

/// <summary>Clock to organisation after the last phase: send your history digest.</summary>
public sealed record HistoryDigestRequested
{
    public static readonly HistoryDigestRequested Instance = new();
}

public sealed record HistoryDigestReported(int Organisation, byte[] Digest, long Events);

/// <summary>Asks the clock to run the whole calendar; the clock answers the sender with a RunFinished or a RunFailed.</summary>
public sealed record StartRun;

public sealed record RunFinished(RunSummary Summary);

/// <param name="Organisation">Code of the organisation whose decision failed, if the failure was inside one.</param>
/// <param name="StoreFault">The history store failed (not the model): the run can be carried on once the store is back.</param>
public sealed record RunFailed(string Reason, string? Organisation, string? Phase, Exception? Cause, bool StoreFault = false);

/// <summary>Progress after each phase, for progress bars and live telemetry.</summary>
public sealed record RunProgress(int PhasesDone, int PhaseCount, CalendarPhase Phase, RunBook Book);

/// <summary>Organisation to clock: it stopped and cannot go on (its history could not be written or read).</summary>
public sealed record OrganisationStopped(string Organisation, string Reason, Exception Cause, bool StoreFault = true);
