using System.Data.Common;
using System.Runtime.CompilerServices;
using LinqToDB;
using LinqToDB.Interceptors;
using Microsoft.Data.Sqlite;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// SQLite settings that live on each connection rather than in the file. In WAL mode, synchronous=NORMAL keeps every
/// committed write through a killed process (only a power cut can lose the last transactions) and removes an fsync
/// per commit, which measured here as the difference between about 340 and 2,800 commits a second.
/// </summary>
/// <remarks>
/// Two measured costs shape this class. Pooled connections keep their settings, so the pragmas run once per physical
/// connection rather than once per write. And Microsoft.Data.Sqlite completes its "async" calls synchronously, so
/// without a yield the journal's writer stage runs each insert inline and is never busy when the next write arrives:
/// every batch held one row, each in its own transaction. Yielding before the write lets the journal gather the writes
/// that arrive meanwhile into one multi-row insert, which halved the CPU a persisted run spends (England, two years:
/// 18 to 9 CPU-seconds). The journal's rows now go through the engine's own writer (<see cref="SqliteJournalWriter"/>),
/// which holds one connection tuned by <see cref="TuneWriter"/> and gathers the rows queued meanwhile itself; the yield
/// still serves a journal whose table the plugin writes.
/// </remarks>
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

    private static readonly string WriterPragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};"
        + (MaxPageCount is { } max ? $" PRAGMA max_page_count = {max};" : "");

    // A store opened for reading only waits for writers; the journal mode is the file's, set by whoever wrote it.
    private static readonly string ReaderPragmas = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    private readonly string _pragmas;

    private SqliteTuning(bool readOnly) => _pragmas = readOnly ? ReaderPragmas : WriterPragmas;

    /// <summary>Physical connections already tuned; entries vanish with their connections.</summary>
    private readonly ConditionalWeakTable<object, object> _tuned = new();

    /// <param name="connectionString">A read-only one (<see cref="HistoryStore.ForReading"/>) gets a reader's settings.</param>
    public static DataOptions Options(string connectionString) =>
        new DataOptions().UseConnectionString(ProviderName.SQLiteMS, connectionString)
            .UseInterceptor(new SqliteTuning(new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.ReadOnly));

    /// <summary>Gives a connection the engine opens itself, outside linq2db, a writer's settings.</summary>
    public static void TuneWriter(SqliteConnection connection) => Apply(connection, WriterPragmas);

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        if (NeedsTuning(connection)) Apply(connection, _pragmas);
    }

    private static void Apply(DbConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!NeedsTuning(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool NeedsTuning(DbConnection connection)
    {
        // The native handle outlives a pooled SqliteConnection's close and reopen; it is what carries the settings.
        object physical = connection is SqliteConnection { Handle: { } handle } ? handle : connection;
        return _tuned.TryAdd(physical, physical);
    }
}
