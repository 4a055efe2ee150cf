using EconomySim.Engine.Persistence;
using Npgsql;

namespace EconomySim.History.Tests;

public sealed class HistoryStoreTests
{
    [Fact]
    public void A_postgres_store_keeps_at_most_ten_connections_unless_the_user_sets_a_pool_size()
    {
        var capped = HistoryStore.Parse("postgres:Host=127.0.0.1;Database=economysim;Username=me;Password=secret");
        Assert.Equal(10, new NpgsqlConnectionStringBuilder(capped.ConnectionString).MaxPoolSize);

        var given = HistoryStore.Parse("postgres:Host=127.0.0.1;Database=economysim;Maximum Pool Size=40");
        Assert.Equal(40, new NpgsqlConnectionStringBuilder(given.ConnectionString).MaxPoolSize);
    }

    [Fact]
    public void A_postgres_store_is_shown_as_written_with_its_password_hidden()
    {
        var store = HistoryStore.Parse("postgres:Host=127.0.0.1;Database=economysim;Username=me;Password=secret");
        Assert.Equal("postgres:Host=127.0.0.1;Database=economysim;Username=me;Password=***", store.Display);
        Assert.DoesNotContain("secret", store.ToString());
    }

    [Fact]
    public void A_resume_hint_names_the_store_only_when_a_command_given_no_store_would_look_elsewhere()
    {
        // The tests run without the variable that names another default store.
        Assert.True(string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(HistoryStore.Variable)));
        Assert.Equal("economysim resume r1", HistoryStore.Parse("sqlite").ResumeCommand("r1"));
        Assert.Equal("economysim resume r1", HistoryStore.Parse($"sqlite:{Path.GetFullPath(HistoryStore.DefaultSqlitePath)}").ForReading().ResumeCommand("r1"));
        Assert.Equal("economysim resume r1 --store sqlite:other/runs.db", HistoryStore.Parse("sqlite:other/runs.db").ResumeCommand("r1"));
        // A connection string holds semicolons, so the store is quoted for the shell; its password stays hidden.
        Assert.Equal("economysim resume r1 --store \"postgres:Host=db;Username=me;Password=***\"",
            HistoryStore.Parse("postgres:Host=db;Username=me;Password=secret").ResumeCommand("r1"));
    }
}
