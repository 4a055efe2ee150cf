using EconomySim.Engine.Persistence;
using EconomySim.Testing;
using Microsoft.Data.Sqlite;

namespace EconomySim.History.Tests;

/// <summary>A run's design point and parameter values, and its experiment's design, go into the registry and come back, on SQLite and PostgreSQL.</summary>
public sealed class RunRegistryDesignTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    // Where a test's SQLite store is kept.
    private readonly TemporaryFolder _folder = new("economysim-design-registry-");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private static readonly StoredDesign Design = new("sobol", 256, 20160401, 4, false,
    [
        new StoredParameter("funder.allocation_growth", "unif", 0.032, 0.054) { Source = "published range" },
        new StoredParameter("trusts.pay_award", "truncnorm", 0.01, 0.03) { Mean = 0.016, Sd = 0.005 },
    ]);

    private static RunRecord Run(string id, int? point, IReadOnlyDictionary<string, double>? parameters, string options = "{}") =>
        new(id, "small", "small.yaml", new string('0', 64), "{}", 1, 1, 1, "test", options, RunStatus.Running, DateTimeOffset.UtcNow,
            Environment.MachineName, Environment.ProcessId, Experiment: "e", Variant: "base", Replication: 1, DesignPoint: point, Parameters: parameters);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_runs_design_point_values_and_design_are_read_back_as_registered(string kind)
    {
        var store = kind == "sqlite"
            ? HistoryStore.Sqlite(_folder.File("runs.db"))
            : HistoryStore.Parse("postgres:" + postgres.ConnectionString);
        var registry = new RunRegistry(store);
        await registry.EnsureCreatedAsync();
        // A second opening finds the columns there and leaves them.
        await registry.EnsureCreatedAsync();
        var id = $"e-{Guid.NewGuid():N}"[..20];
        var options = new RunRecordOptions(5, 1, store.Display, "e.yaml", default, Design).ToJson();
        var values = new Dictionary<string, double> { ["funder.allocation_growth"] = 0.0431234567891234, ["trusts.pay_award"] = 0.02 };
        await registry.RegisterAllAsync([Run(id + "-p7", 7, values, options), Run(id + "-plain", null, null)]);

        var designed = await registry.FindAsync(id + "-p7");
        Assert.Equal(7, designed.DesignPoint);
        Assert.Equal(values, designed.Parameters);
        var design = RunRecordOptions.Of(designed).Design;
        Assert.NotNull(design);
        Assert.Equal(Design with { Parameters = [] }, design with { Parameters = [] });
        Assert.Equal(Design.Parameters, design.Parameters);
        var plain = await registry.FindAsync(id + "-plain");
        Assert.Null(plain.DesignPoint);
        Assert.Null(plain.Parameters);
        Assert.Null(RunRecordOptions.Of(plain).Design);
    }

    [Fact]
    public async Task A_store_made_before_designs_gains_the_design_columns_and_keeps_its_runs()
    {
        var file = _folder.File("runs.db");
        var store = HistoryStore.Sqlite(file);
        var registry = new RunRegistry(store);
        await registry.EnsureCreatedAsync();
        await registry.RegisterAsync(Run("old-run", null, null));
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            // The table as it was before designs.
            drop.CommandText = "ALTER TABLE economysim_runs DROP COLUMN design_point; ALTER TABLE economysim_runs DROP COLUMN parameters;";
            drop.ExecuteNonQuery();
        }
        var before = await new RunRegistry(store.ForReading()).FindAsync("old-run");
        Assert.Null(before.DesignPoint);

        await registry.EnsureCreatedAsync();
        await registry.RegisterAsync(Run("new-run", 1, new Dictionary<string, double> { ["x.y"] = 1.5 }));
        Assert.Equal("old-run", (await registry.FindAsync("old-run")).RunId);
        Assert.Equal(1.5, (await registry.FindAsync("new-run")).Parameters!["x.y"]);
    }
}
