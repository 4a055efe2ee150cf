using EconomySim.Testing;

namespace EconomySim.Cli.Tests;

/// <summary>The same scenario and seed give the same digest on PostgreSQL, on SQLite and with no store.</summary>
public sealed class PostgresStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly string GreaterManchester = Cli.Config("greater-manchester.yaml");

    [Fact]
    public void A_run_kept_in_postgres_has_the_digest_of_sqlite_and_of_no_store_and_no_password_is_kept()
    {
        var store = "postgres:" + postgres.ConnectionString;
        var kept = Cli.Run("run", GreaterManchester, "--seed", "9", "--years", "3", "--store", store, "--run-id", "pg-nine", "--json");
        Assert.True(kept.ExitCode == 0, kept.Stderr);
        var none = Cli.Run("run", GreaterManchester, "--seed", "9", "--years", "3", "--store", "none", "--json");
        using var sqliteFolder = new TemporaryFolder("economysim-pg-compare-");
        var sqlite = Cli.Run("run", GreaterManchester, "--seed", "9", "--years", "3", "--store", "sqlite:" + sqliteFolder.File("runs.db"), "--json");
        var digest = kept.Json.GetProperty("digest").GetString();
        Assert.Equal(none.Json.GetProperty("digest").GetString(), digest);
        Assert.Equal(sqlite.Json.GetProperty("digest").GetString(), digest);

        Cli.AssertStoredDigestVerified("pg-n", store);

        var runs = Cli.Run("runs", "--store", store, "--json");
        Assert.DoesNotContain("not-a-secret", runs.Stdout + kept.Stdout + kept.Stderr);
        Assert.Contains("Password=***", kept.Json.GetProperty("store").GetString());
    }
}
