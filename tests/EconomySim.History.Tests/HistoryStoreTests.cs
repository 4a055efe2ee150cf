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
}
