using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Hosting.Tests;

/// <summary>
/// The run journal answers the highest-sequence-number questions of actors that recover together in shared queries;
/// every actor must still learn exactly its own number, or its next write would collide with a stored one. Into SQLite
/// it writes the rows itself: they must be the rows the plugin would have written, which the plugin reads back.
/// </summary>
public sealed class RunWriteJournalTests : Akka.Hosting.TestKit.TestKit
{
    private readonly string _directory = Directory.CreateTempSubdirectory("economysim-journal-").FullName;

    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithEconomySimEngine(new EngineOptions(Store: HistoryStore.Sqlite(Path.Combine(_directory, "journal.db"))));

    protected override async Task AfterAllAsync()
    {
        await base.AfterAllAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Actors_recovering_together_each_learn_their_own_highest_sequence_number_and_write_on_from_it()
    {
        const int written = 300, neverWritten = 100;
        static string Id(int i) => $"journal-spec|trust|T{i:D4}";
        static int EventsOf(int i) => i < written ? i % 7 : 0;

        // First lives: each writes its events, in one or two writes, then stops.
        var first = Enumerable.Range(0, written).Select(i => Sys.ActorOf(Ledger.Props(Id(i), TestActor))).ToList();
        for (var i = 0; i < written; i++)
        {
            var events = EventsOf(i);
            first[i].Tell(new Ledger.Write(events / 2));
            first[i].Tell(new Ledger.Write(events - events / 2));
        }
        var firstReports = ReceiveN(written + 2 * written, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(firstReports.OfType<Ledger.Recovered>(), r => Assert.Equal(0, r.LastSequenceNr));
        var acknowledged = firstReports.OfType<Ledger.Written>()
            .GroupBy(w => w.PersistenceId).ToDictionary(g => g.Key, g => g.Max(w => w.LastSequenceNr));
        Assert.All(Enumerable.Range(0, written), i => Assert.Equal(EventsOf(i), acknowledged[Id(i)]));
        foreach (var ledger in first)
        {
            Watch(ledger);
            ledger.Tell(PoisonPill.Instance);
            ExpectTerminated(ledger, TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        }

        // Second lives, all at once, with others whose journals are empty.
        var second = Enumerable.Range(0, written + neverWritten).Select(i => Sys.ActorOf(Ledger.Props(Id(i), TestActor))).ToList();
        var recovered = ReceiveN(written + neverWritten, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken).Cast<Ledger.Recovered>()
            .ToDictionary(r => r.PersistenceId, r => r.LastSequenceNr);
        Assert.All(Enumerable.Range(0, written + neverWritten), i => Assert.Equal(EventsOf(i), recovered[Id(i)]));

        foreach (var ledger in second) ledger.Tell(new Ledger.Write(1));
        var writtenOn = ReceiveN(written + neverWritten, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken).Cast<Ledger.Written>()
            .ToDictionary(w => w.PersistenceId, w => w.LastSequenceNr);
        Assert.All(Enumerable.Range(0, written + neverWritten), i => Assert.Equal(EventsOf(i) + 1, writtenOn[Id(i)]));
    }

    [Fact]
    public void Tagged_events_written_by_many_actors_at_once_are_stored_as_the_plugin_stores_them_and_replayed_in_order()
    {
        const int ledgers = 400, writes = 3;
        static string Id(int i) => $"journal-rows|council|C{i:D4}";
        var first = Enumerable.Range(0, ledgers).Select(i => Sys.ActorOf(Ledger.Props(Id(i), TestActor, tag: "spec-run"))).ToList();
        ReceiveN(ledgers, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);
        // Every ledger writes three times, the writes of all of them interleaved, so that transactions gather many.
        for (var w = 0; w < writes; w++)
            foreach (var ledger in first) ledger.Tell(new Ledger.Write(w + 1));
        var acknowledged = ReceiveN(ledgers * writes, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken).Cast<Ledger.Written>()
            .GroupBy(x => x.PersistenceId).ToDictionary(g => g.Key, g => g.Max(x => x.LastSequenceNr));
        Assert.All(Enumerable.Range(0, ledgers), i => Assert.Equal(6, acknowledged[Id(i)]));

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "journal.db")};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = """
                SELECT persistence_id, sequence_number, deleted, tags, manifest, identifier, writer_uuid, created, message
                FROM journal WHERE persistence_id LIKE 'journal-rows|%' ORDER BY ordering
                """;
            using var rows = query.ExecuteReader();
            var next = new Dictionary<string, long>();
            var count = 0;
            while (rows.Read())
            {
                count++;
                var id = rows.GetString(0);
                // Each ledger's rows come in the order it wrote them, numbered on from its last.
                var sequence = next[id] = next.GetValueOrDefault(id) + 1;
                Assert.Equal(sequence, rows.GetInt64(1));
                Assert.False(rows.GetBoolean(2));
                Assert.Equal(";spec-run;", rows.GetString(3));
                Assert.False(rows.IsDBNull(5));
                Assert.Equal(32, rows.GetString(6).Length);
                Assert.InRange(new DateTime(rows.GetInt64(7), DateTimeKind.Utc), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
                Assert.NotEmpty((byte[])rows.GetValue(8));
            }
            Assert.Equal(ledgers * 6, count);
        }

        foreach (var ledger in first)
        {
            Watch(ledger);
            ledger.Tell(PoisonPill.Instance);
            ExpectTerminated(ledger, TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        }
        Enumerable.Range(0, ledgers).Select(i => Sys.ActorOf(Ledger.Props(Id(i), TestActor, tag: "spec-run"))).ToList();
        var replayed = ReceiveN(ledgers, TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken).Cast<Ledger.Recovered>().ToList();
        Assert.All(replayed, r =>
        {
            Assert.Equal(6, r.LastSequenceNr);
            Assert.Equal(["event 0", "event 0", "event 1", "event 0", "event 1", "event 2"], r.Replayed);
        });
    }

    private sealed class Ledger : ReceivePersistentActor
    {
        public sealed record Write(int Events);

        public sealed record Written(string PersistenceId, long LastSequenceNr);

        public sealed record Recovered(string PersistenceId, long LastSequenceNr, IReadOnlyList<string> Replayed);

        /// <param name="tag">Each event is written tagged with it, as a run's history is with its run id; null for none.</param>
        public static Props Props(string persistenceId, IActorRef reportTo, string? tag = null) =>
            Akka.Actor.Props.Create(() => new Ledger(persistenceId, reportTo, tag));

        public override string PersistenceId { get; }

        public Ledger(string persistenceId, IActorRef reportTo, string? tag)
        {
            PersistenceId = persistenceId;
            var replayed = new List<string>();
            Recover<string>(replayed.Add);
            Recover<RecoveryCompleted>(_ => reportTo.Tell(new Recovered(PersistenceId, LastSequenceNr, replayed)));
            Command<Write>(write =>
            {
                if (write.Events == 0)
                {
                    reportTo.Tell(new Written(PersistenceId, LastSequenceNr));
                    return;
                }
                var events = Enumerable.Range(0, write.Events)
                    .Select(e => tag is null ? (object)$"event {e}" : new Akka.Persistence.Journal.Tagged($"event {e}", [tag])).ToList();
                var persisted = 0;
                PersistAll(events, _ =>
                {
                    if (++persisted == events.Count) reportTo.Tell(new Written(PersistenceId, LastSequenceNr));
                });
            });
        }
    }
}
