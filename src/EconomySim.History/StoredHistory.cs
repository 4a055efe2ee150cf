using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.History;

/// <summary>A run's history read back from the store: every organisation's events in order, and the closed phases.</summary>
public sealed record StoredHistory(string RunId, IReadOnlyDictionary<string, IReadOnlyList<HistoryEvent>> EventsByPersistenceId, IReadOnlyList<PhaseClosed> Phases)
{
    public long EventCount => EventsByPersistenceId.Values.Sum(e => (long)e.Count);

    /// <summary>Reads every event tagged with the run id through Akka.Persistence.Query.</summary>
    public static async Task<StoredHistory> ReadAsync(ActorSystem system, string runId, CancellationToken cancellation = default)
    {
        var journal = ReadJournal(system);
        var envelopes = await journal.CurrentEventsByTag(runId, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
        var byId = new Dictionary<string, List<(long Sequence, HistoryEvent Event)>>();
        var phases = new List<PhaseClosed>();
        foreach (var envelope in envelopes)
        {
            switch (envelope.Event)
            {
                case EventsRecorded entry:
                    if (!byId.TryGetValue(envelope.PersistenceId, out var list)) byId[envelope.PersistenceId] = list = [];
                    foreach (var e in entry.Events()) list.Add((envelope.SequenceNr, e));
                    break;
                case PhaseClosed p:
                    phases.Add(p);
                    break;
            }
        }
        var events = byId.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<HistoryEvent>)kv.Value.OrderBy(x => x.Sequence).Select(x => x.Event).ToList());
        return new StoredHistory(runId, events, phases.OrderBy(p => p.Phase).ToList());
    }

    /// <summary>Only the clock's closed phases: enough for the outcome table, without reading every organisation's events.</summary>
    public static async Task<StoredHistory> ReadPhasesAsync(ActorSystem system, string runId)
    {
        var journal = ReadJournal(system);
        var envelopes = await journal.CurrentEventsByPersistenceId(RunJournal.ClockPersistenceId(runId), 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
        var phases = envelopes.Select(e => e.Event).OfType<PhaseClosed>().OrderBy(p => p.Phase).ToList();
        return new StoredHistory(runId, new Dictionary<string, IReadOnlyList<HistoryEvent>>(), phases);
    }

    /// <summary>
    /// The query side of the store. Creating it waits at most five seconds (fixed inside the plugin) for the journal to
    /// start, which a busy machine can exceed while the journal checks its tables; the journal goes on starting, so
    /// asking again, within a bound, gets the query side once it has.
    /// </summary>
    private static SqlReadJournal ReadJournal(ActorSystem system)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            }
            catch (AggregateException e) when (attempt < 12 && e.InnerExceptions.All(i => i is AskTimeoutException))
            {
            }
        }
    }

    /// <summary>The run's digest recomputed from the stored events, the same way the run computed it.</summary>
    public string Digest(EconomyDefinition economy)
    {
        var parts = new List<(string Code, byte[] Digest)>(economy.Organisations.Count);
        foreach (var organisation in economy.Organisations)
        {
            using var hasher = new HistoryHasher();
            if (EventsByPersistenceId.TryGetValue(RunJournal.PersistenceId(RunId, organisation), out var events))
                hasher.AppendAll(events);
            parts.Add((organisation.Code, hasher.Current()));
        }
        return HistoryHasher.Combine(parts);
    }

    /// <summary>The outcome table rebuilt from the closed phases.</summary>
    public RunOutcomes Outcomes(EconomyDefinition economy)
    {
        var calendar = Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years);
        var ticks = calendar[^1].Tick + 1;
        var table = new long[ticks * MetricCatalogue.Count];
        foreach (var phase in Phases)
            for (var i = 0; i < phase.Metrics.Length; i++)
                table[phase.Tick * MetricCatalogue.Count + phase.Metrics[i]] += phase.Values[i];
        return RunOutcomes.FromTable(economy.Parameters.StartYear, economy.Parameters.Years, table);
    }
}
