using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

// The protocol between the clock and the organisation actors. Letters between organisations are Domain.Letter records.

/// <summary>Clock to organisation: act in this phase once you hold this many letters sent in earlier phases.</summary>
public sealed record PhaseStarted(int Phase, int ExpectedLetters);

/// <summary>Organisation to clock: done with the phase; what was sent, received and recorded.</summary>
/// <param name="Writing">Its events for the phase are being written; an <see cref="ActivationDurable"/> follows.</param>
public sealed record PhaseCompleted(int Phase, ActivationReport Report, bool Writing = false);

/// <summary>Organisation to clock: its events for the phase are durable.</summary>
public sealed record ActivationDurable(int Phase);

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
