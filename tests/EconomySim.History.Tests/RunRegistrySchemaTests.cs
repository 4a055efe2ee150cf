using EconomySim.Engine.Persistence;
using EconomySim.Testing;
using Npgsql;

namespace EconomySim.History.Tests;

/// <summary>
/// Several processes may open one new store at the same moment (a batch of runs, or two researchers starting runs into
/// one shared database): every one of them must find the registry made, and the store must carry one schema version.
/// </summary>
public sealed class RunRegistrySchemaTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-schema-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const int FreshStores = 12;
    private const int OpenersAtOnce = 6;

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Openers_of_one_new_store_at_once_all_find_the_registry_made_with_one_schema_version(string kind)
    {
        for (var fresh = 0; fresh < FreshStores; fresh++)
        {
            var store = kind == "sqlite"
                ? HistoryStore.Sqlite(Path.Combine(_dir, $"runs-{fresh}.db"))
                : HistoryStore.Parse("postgres:" + NewDatabase($"schema_{Guid.NewGuid():N}"));
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var opening = Enumerable.Range(0, OpenersAtOnce).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                var registry = new RunRegistry(store);
                await registry.EnsureCreatedAsync();
                return registry;
            })).ToArray();
            go.SetResult();
            var registries = await Task.WhenAll(opening);

            Assert.Equal(1L, SchemaVersionRows(store));
            var id = $"after-{fresh}";
            await registries[^1].RegisterAsync(new RunRecord(id, "small", "small.yaml", new string('0', 64), "{}", 1, 1, 1, "test",
                "{}", RunStatus.Running, DateTimeOffset.UtcNow, Environment.MachineName, Environment.ProcessId));
            Assert.Equal(id, (await registries[0].FindAsync(id)).RunId);
        }
    }

    [Fact]
    public async Task A_postgres_user_who_may_not_create_tables_is_told_so_instead_of_that_the_store_is_unreachable()
    {
        var role = $"reader_{Guid.NewGuid():N}"[..20];
        var database = NewDatabase($"locked_{Guid.NewGuid():N}");
        using (var connection = new NpgsqlConnection(database))
        {
            connection.Open();
            using var grant = connection.CreateCommand();
            grant.CommandText = $"CREATE ROLE {role} LOGIN PASSWORD 'not-a-secret'; REVOKE CREATE ON SCHEMA public FROM PUBLIC";
            grant.ExecuteNonQuery();
        }
        var asReader = new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString;

        var refused = await Assert.ThrowsAsync<StoreException>(() => new RunRegistry(HistoryStore.Parse("postgres:" + asReader)).EnsureCreatedAsync());

        Assert.Contains("refused the registry's statement (42501", refused.Message);
        Assert.Contains("may create and write tables", refused.Message);
        Assert.DoesNotContain("not-a-secret", refused.Message);
    }

    private static long SchemaVersionRows(HistoryStore store)
    {
        using System.Data.Common.DbConnection connection = store.Kind == StoreKind.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString)
            : new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM economysim_schema";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string NewDatabase(string name)
    {
        using var connection = new NpgsqlConnection(postgres.ConnectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = $"CREATE DATABASE {name}";
        create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
    }
}
