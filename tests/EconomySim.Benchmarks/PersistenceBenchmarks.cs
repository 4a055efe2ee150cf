using Akka.Actor;
using Akka.Configuration;
using Akka.Actor.Setup;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EconomySim.Benchmarking;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace EconomySim.Benchmarks;

/// <summary>
/// The journal's cost: England persisted to SQLite through Akka.Persistence.Sql, against a plain bulk insert of the
/// very same journal rows (read back from a persisted run) into an SQLite table of the same definition, indexes included,
/// in one transaction (<see cref="JournalRows"/>).
/// Events per second is events / mean time; the unpersisted run beside them separates the simulation's own time from
/// what persisting adds. One year and ten: a run's start-up (the journal made ready, every organisation's highest
/// sequence number asked for) is paid once, so the difference between the two gives the rate at which a run goes on
/// persisting. Five warm-up runs, because each case runs in a process of its own and the first runs of a process are
/// slower while the runtime compiles; ten measured runs, because on two cores single runs vary by a tenth or more.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 10)]
public class PersistenceBenchmarks
{
    [Params(1, 10)]
    public int Years { get; set; }

    private EconomyDefinition _england = null!;
    private string _directory = null!;
    private JournalRows _rows = null!;
    private int _runs;

    [GlobalSetup]
    public void Setup()
    {
        _england = BenchmarkSetup.England(years: Years);
        _directory = Directory.CreateTempSubdirectory("economysim-bench-").FullName;
        var source = Path.Combine(_directory, "source.db");
        Persist(source, "source");
        _rows = JournalRows.Read(source);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Each run writes a database of its own (about 100 MB for ten years); left in place, they pile up until the kernel
    /// starts writing them back to disk under the runs that follow, and a measured run then took twice as long as the
    /// one before it. Removed after each run, every run starts from the same state.
    /// </summary>
    [IterationCleanup]
    public void RemoveRunDatabases()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(_directory).Where(f => !Path.GetFileName(f).StartsWith("source.db", StringComparison.Ordinal)))
            File.Delete(file);
    }

    private void Persist(string path, string runId)
    {
        var store = HistoryStore.Sqlite(path);
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = OFF
            akka.stdout-loglevel = OFF
            akka.actor.serializers.economysim-history = "EconomySim.Engine.Persistence.HistorySerializer, EconomySim.Engine"
            akka.actor.serialization-bindings {
              "EconomySim.Engine.Persistence.PhaseClosed, EconomySim.Engine" = economysim-history
              "EconomySim.Engine.Persistence.EventsRecorded, EconomySim.Engine" = economysim-history
            }
            {{store.Hocon()}}
            """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        var setup = BootstrapSetup.Create().WithConfig(config)
            .And(new Akka.Persistence.Sql.Config.DataOptionsSetup(SqliteTuning.Options(store.ConnectionString)));
        using var system = ActorSystem.Create("bench", setup);
        SimulationEngine.RunAsync(system, _england, 1, runId, new RunOptions { NewHistory = true }, persist: true).GetAwaiter().GetResult();
        system.Terminate().Wait();
    }

    [Benchmark(Description = "engine run persisted through Akka.Persistence.Sql")]
    public void PersistedRun() => Persist(Path.Combine(_directory, $"run-{++_runs}.db"), "bench");

    /// <summary>The same run with no store, so that what persisting adds can be read off as a difference.</summary>
    [Benchmark(Description = "the same engine run, no store")]
    public void UnpersistedRun()
    {
        using var system = BenchmarkSetup.QuietActorSystem(HistoryStore.None.Hocon());
        SimulationEngine.RunAsync(system, _england, 1, "bench", persist: false).GetAwaiter().GetResult();
        system.Terminate().Wait();
    }

    [Benchmark(Baseline = true, Description = "bulk insert of the same journal rows")]
    public void BulkInsertSameRows() => _rows.InsertInto(Path.Combine(_directory, $"bulk-{++_runs}.db"));
}
