using EconomySim.Engine.Persistence;
using EconomySim.Testing;

namespace EconomySim.History.Tests;

/// <summary>
/// Claims on a run id and on an interrupted run are decided by the database in one conditional statement, so racing
/// processes get exactly one winner and the registry is never left wrong, on SQLite and on PostgreSQL.
/// </summary>
public sealed class RunRegistryClaimTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    // Where a test's SQLite store is kept.
    private readonly TemporaryFolder _folder = new("economysim-claims-");

    public void Dispose() => _folder.Dispose();

    private const int Pairs = 50;

    /// <summary>A process id no process has: a run held by it was killed and reads as interrupted.</summary>
    private const int GoneProcess = int.MaxValue;

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_two_claims_on_one_run_id_exactly_one_wins_and_its_record_stands(string kind)
    {
        var registry = await RegistryOn(kind);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        for (var pair = 0; pair < Pairs; pair++)
        {
            var id = $"{prefix}-{pair}";
            var won = await Race(() => registry.RegisterAsync(Run(id, seed: 1)), () => registry.RegisterAsync(Run(id, seed: 2)));
            Assert.Single(won, w => w);
            var stored = await registry.FindAsync(id);
            Assert.Equal(won[0] ? 1 : 2, stored.Seed);
            Assert.Equal(RunStatus.Running, stored.Status);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_two_resumes_of_one_interrupted_run_exactly_one_takes_it_up(string kind)
    {
        var registry = await RegistryOn(kind);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        for (var pair = 0; pair < Pairs; pair++)
        {
            var id = $"{prefix}-{pair}";
            await registry.RegisterAsync(Run(id, seed: 1) with { ProcessId = GoneProcess });
            var asRead = await registry.FindAsync(id);
            Assert.Equal(RunStatus.Interrupted, asRead.Status);
            var won = await Race(() => registry.ClaimAsync(asRead), () => registry.ClaimAsync(asRead));
            Assert.Single(won, w => w);
            var held = await registry.FindAsync(id);
            Assert.Equal((RunStatus.Running, Environment.ProcessId), (held.Status, held.ProcessId));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_completed_run_cannot_be_taken_up_or_ended_again(string kind)
    {
        var registry = await RegistryOn(kind);
        var id = Guid.NewGuid().ToString("N")[..12];
        await registry.RegisterAsync(Run(id, seed: 1));
        var beforeCompletion = await registry.FindAsync(id);
        await registry.CompleteAsync(id, "digest", 3, 4, 5, 1.5);

        await registry.EndAsync(id, RunStatus.Interrupted, "cancelled");
        await Assert.ThrowsAsync<RunClaimedException>(() => registry.ClaimAsync(beforeCompletion));

        var stored = await registry.FindAsync(id);
        Assert.Equal((RunStatus.Completed, "digest", (string?)null), (stored.Status, stored.Digest, stored.Failure));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_run_held_by_another_process_is_not_ended_by_this_one(string kind)
    {
        var registry = await RegistryOn(kind);
        var id = Guid.NewGuid().ToString("N")[..12];
        await registry.RegisterAsync(Run(id, seed: 1) with { ProcessId = GoneProcess });

        await registry.EndAsync(id, RunStatus.Failed, "not mine");

        Assert.Null((await registry.FindAsync(id)).Failure);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Replications_are_registered_all_or_none(string kind)
    {
        var registry = await RegistryOn(kind);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await registry.RegisterAsync(Run($"{prefix}-b", seed: 1));

        var refused = await Assert.ThrowsAsync<RunClaimedException>(() =>
            registry.RegisterAllAsync([Run($"{prefix}-a", 2), Run($"{prefix}-b", 2), Run($"{prefix}-c", 2)]));

        Assert.Equal($"{prefix}-b", refused.RunId);
        var ids = (await registry.ListAsync()).Select(r => r.RunId).Where(r => r.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal([$"{prefix}-b"], ids);
        Assert.Equal(1, (await registry.FindAsync($"{prefix}-b")).Seed);
    }

    /// <summary>Starts both claims at once, each on its own connection, and says which succeeded.</summary>
    private static async Task<bool[]> Race(Func<Task> first, Func<Task> second)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<bool> Claim(Func<Task> claim)
        {
            await go.Task;
            try
            {
                await claim();
                return true;
            }
            catch (RunClaimedException)
            {
                return false;
            }
        }
        var racing = new[] { Task.Run(() => Claim(first)), Task.Run(() => Claim(second)) };
        go.SetResult();
        return await Task.WhenAll(racing);
    }

    private async Task<RunRegistry> RegistryOn(string kind)
    {
        var store = kind == "sqlite"
            ? HistoryStore.Sqlite(_folder.File("runs.db"))
            : HistoryStore.Parse("postgres:" + postgres.ConnectionString);
        var registry = new RunRegistry(store);
        await registry.EnsureCreatedAsync();
        return registry;
    }

    private static RunRecord Run(string id, long seed) => new(id, "small", "small.yaml", new string('0', 64), "{}", seed, 1, 1, "test",
        "{}", RunStatus.Running, DateTimeOffset.UtcNow, Environment.MachineName, Environment.ProcessId);
}
