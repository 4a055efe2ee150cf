using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Hosting.Tests;

/// <summary>
/// The run journal answers the highest-sequence-number questions of actors that recover together in shared queries;
/// every actor must still learn exactly its own number, or its next write would collide with a stored one.
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

    private sealed class Ledger : ReceivePersistentActor
    {
        public sealed record Write(int Events);

        public sealed record Written(string PersistenceId, long LastSequenceNr);

        public sealed record Recovered(string PersistenceId, long LastSequenceNr);

        public static Props Props(string persistenceId, IActorRef reportTo) =>
            Akka.Actor.Props.Create(() => new Ledger(persistenceId, reportTo));

        public override string PersistenceId { get; }

        public Ledger(string persistenceId, IActorRef reportTo)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => reportTo.Tell(new Recovered(PersistenceId, LastSequenceNr)));
            Command<Write>(write =>
            {
                if (write.Events == 0)
                {
                    reportTo.Tell(new Written(PersistenceId, LastSequenceNr));
                    return;
                }
                var events = Enumerable.Range(0, write.Events).Select(e => $"event {e}").ToList();
                var persisted = 0;
                PersistAll(events, _ =>
                {
                    if (++persisted == events.Count) reportTo.Tell(new Written(PersistenceId, LastSequenceNr));
                });
            });
        }
    }
}
