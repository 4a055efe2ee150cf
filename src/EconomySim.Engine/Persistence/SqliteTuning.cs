using System.Data.Common;
using LinqToDB;
using LinqToDB.Interceptors;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// SQLite settings that live on each connection rather than in the file. In WAL mode, synchronous=NORMAL keeps every
/// committed write through a killed process (only a power cut can lose the last transactions) and removes an fsync
/// per commit, which measured here as the difference between about 340 and 2,800 commits a second.
/// </summary>
public sealed class SqliteTuning : ConnectionInterceptor
{
    /// <summary>How long a writer waits for a store locked by another program before it gives up (default a minute).</summary>
    public static int BusyTimeoutMilliseconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ECONOMYSIM_SQLITE_BUSY_TIMEOUT_MS"), out var ms) && ms >= 0 ? ms : 60_000;

    /// <summary>
    /// For fault-injection tests where no small file system can be mounted: caps the database at this many pages, so a
    /// write past it fails as a full disk does (SQLite's "database or disk is full"). Unset, the file may grow freely.
    /// </summary>
    public static int? MaxPageCount { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ECONOMYSIM_SQLITE_MAX_PAGE_COUNT"), out var pages) && pages > 0 ? pages : null;

    private static readonly string Pragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"
        + (MaxPageCount is { } max ? $" PRAGMA max_page_count = {max};" : "");

    public static DataOptions Options(string connectionString) =>
        new DataOptions().UseConnectionString(ProviderName.SQLiteMS, connectionString).UseInterceptor(new SqliteTuning());

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
