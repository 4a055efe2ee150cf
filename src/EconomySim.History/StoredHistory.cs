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
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var envelopes = await journal.CurrentEventsByTag(runId, Offset.NoOffset())
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
        var byId = new Dictionary<string, List<(long Sequence, HistoryEvent Event)>>();
        var phases = new List<PhaseClosed>();
        foreach (var envelope in envelopes)
        {
            switch (envelope.Event)
            {
                case ActivationRecorded activation:
                    if (!byId.TryGetValue(envelope.PersistenceId, out var list)) byId[envelope.PersistenceId] = list = [];
                    foreach (var e in activation.Events) list.Add((envelope.SequenceNr, e));
                    break;
                case PhaseClosed p:
                    phases.Add(p);
                    break;
            }
        }
        var events = byId.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<HistoryEvent>)kv.Value.OrderBy(x => x.Sequence).Select(x => x.Event).ToList());
        return new StoredHistory(runId, events, phases.OrderBy(p => p.Phase).ToList());
    }

    /// <summary>The run's digest recomputed from the stored events, the same way the run computed it.</summary>
    public string Digest(EconomyDefinition economy)
    {
        var parts = new List<(string Code, byte[] Digest)>(economy.Organisations.Count);
        foreach (var organisation in economy.Organisations)
        {
            using var hasher = new HistoryHasher();
            if (EventsByPersistenceId.TryGetValue(RunJournal.PersistenceId(RunId, organisation), out var events))
                foreach (var e in events) hasher.AppendCanonical(HistoryHasher.Serialize(e));
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
        return RunOutcomes.FromTicks(economy.Parameters.StartYear, economy.Parameters.Years, ticks, (t, m) => table[t * MetricCatalogue.Count + (int)m]);
    }
}
