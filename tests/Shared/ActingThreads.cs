using System.Collections.Concurrent;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;

namespace EconomySim.Testing;

/// <summary>Watches a run and notes every thread its clock and its organisations acted on.</summary>
public sealed class ActingThreads : IRunObserver, ILetterTracer
{
    private readonly ConcurrentDictionary<int, string> _threads = new();

    public IReadOnlyCollection<int> Threads => _threads.Keys.ToList();

    /// <summary>The name of each thread acted on (empty for one without a name).</summary>
    public IReadOnlyCollection<string> ThreadNames => _threads.Values.ToList();

    private void Acted() => _threads.TryAdd(Environment.CurrentManagedThreadId, Thread.CurrentThread.Name ?? "");

    public void RunStarted(ObservedRun run) => Acted();

    public void PhaseStarted(CalendarPhase phase, int organisationsWoken) => Acted();

    public void PhaseEnded(RunProgress progress) => Acted();

    public void RunFinished(RunSummary summary) => Acted();

    public void RunFailed(RunFailed failure) => Acted();

    public ILetterTracer Letters => this;

    public bool Follows(PhaseKind phase) => true;

    public void Activated(OrganisationProfile organisation, CalendarPhase phase, IReadOnlyList<Letter> inbox, IReadOnlyList<string?> inboundTraceParents,
        IReadOnlyList<HistoryEvent> events, IReadOnlyList<OutgoingLetter> outgoing, string?[] outboundTraceParents) => Acted();
}
