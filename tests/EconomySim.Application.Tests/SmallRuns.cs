using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Testing;

// The runs share two cores with each other's stores: one at a time keeps each run's timing its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace EconomySim.Application.Tests;

/// <summary>What the lifecycle tests share: a run small enough to repeat, its uninterrupted digest, and a look at the registry.</summary>
public static class SmallRuns
{
    private static readonly Lazy<ScenarioDocument> GreaterManchester = new(() => ScenarioLoader.Load(RepositoryRoot.File("configs/greater-manchester.yaml")));

    /// <summary>Greater Manchester over two years with seed 3 (92 phases, 102 organisations, a year boundary): seconds per run.</summary>
    public static RunPlan Plan(string runId, HistoryStore store, HistoryCadence cadence = HistoryCadence.Year)
    {
        var scenario = GreaterManchester.Value;
        return new RunPlan(runId, scenario, EconomyGenerator.Build(scenario, 2, 1), 3, 1, store, cadence);
    }

    /// <summary>Nothing injected, and no wait for a failing store.</summary>
    public static readonly RunConditions Plain = new(null, TimeSpan.Zero);

    private static readonly Lazy<string> Uninterrupted = new(() =>
    {
        var run = RunLifecycle.RegisterAsync(Plan("uninterrupted", HistoryStore.None), Plain).GetAwaiter().GetResult();
        return run.RunAsync(false, null, null, CancellationToken.None).GetAwaiter().GetResult().Digest;
    });

    /// <summary>The digest of the small run computed in one go with no store.</summary>
    public static string UninterruptedDigest => Uninterrupted.Value;

    public static async Task<RunRecord> RecordOf(HistoryStore store, string runId) =>
        Assert.Single(await new RunRegistry(store).ListAsync(), r => r.RunId == runId);
}

/// <summary>A folder of SQLite stores for one test, removed after it.</summary>
public abstract class StoreFolder : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-application-").FullName;

    protected string StoreFile(string name) => Path.Combine(_dir, name);

    protected HistoryStore Store(string name) => HistoryStore.Parse("sqlite:" + StoreFile(name));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
