using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EconomySim.History;

/// <summary>
/// The registry's tables. The schema carries a version so that an older program refuses a store written by a newer one
/// instead of misreading it; columns added since are nullable, so stores written before them keep working.
/// </summary>
public sealed partial class RunRegistry
{
    /// <summary>
    /// Creates the registry tables if needed and refuses a store whose schema is newer than this program's. A store
    /// opened for reading (<see cref="HistoryStore.ForReading"/>) is only checked, never changed: without the tables it
    /// holds no runs.
    /// </summary>
    /// <remarks>
    /// Processes that open one new store at once each find the tables missing. Without one of them going first, their
    /// `CREATE TABLE IF NOT EXISTS` statements collide in PostgreSQL's catalogue (a unique violation on the table's row
    /// type) and each writes a schema version. So the whole check-and-create is one transaction that holds the store's
    /// write lock (SQLite's `BEGIN IMMEDIATE`) or a transaction-scoped advisory lock (PostgreSQL, whose DDL is
    /// transactional): the next opener waits, then finds everything made.
    /// </remarks>
    public Task EnsureCreatedAsync() => _store.ReadOnly ? CheckReadableAsync() : With(async connection =>
    {
        if (connection is SqliteConnection)
            await Execute(connection, "PRAGMA journal_mode = WAL;");
        await using var transaction = await connection.BeginTransactionAsync();
        if (connection is NpgsqlConnection)
            await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("@key", SchemaLockKey));
        await Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS economysim_schema (version INTEGER NOT NULL)");
        if (!await CheckSchemaVersion(connection, transaction))
            await Execute(connection, transaction, "INSERT INTO economysim_schema (version) VALUES (@v)", ("@v", SchemaVersion));
        await Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS economysim_runs (
              run_id VARCHAR(120) PRIMARY KEY,
              scenario VARCHAR(200) NOT NULL,
              scenario_file VARCHAR(2000) NOT NULL,
              scenario_sha256 VARCHAR(64) NOT NULL,
              scenario_sources TEXT NOT NULL,
              seed BIGINT NOT NULL,
              years INTEGER NOT NULL,
              scale INTEGER NOT NULL,
              code_version VARCHAR(100) NOT NULL,
              options TEXT NOT NULL,
              experiment VARCHAR(200) NULL,
              variant VARCHAR(200) NULL,
              replication INTEGER NULL,
              status VARCHAR(20) NOT NULL,
              started_at VARCHAR(40) NOT NULL,
              ended_at VARCHAR(40) NULL,
              host VARCHAR(200) NOT NULL,
              process_id INTEGER NOT NULL,
              digest VARCHAR(64) NULL,
              organisations INTEGER NULL,
              messages BIGINT NULL,
              events BIGINT NULL,
              wall_seconds DOUBLE PRECISION NULL,
              failure TEXT NULL
            )
            """);
        await AddDesignColumns(connection, transaction);
        await transaction.CommitAsync();
        return true;
    });

    /// <summary>The advisory lock's key on PostgreSQL: any fixed number, the same in every EconomySim.</summary>
    private const long SchemaLockKey = 0x45636f6e53696d;

    /// <summary>
    /// A run's design point and parameter values, added to stores made before designs. The columns are nullable and
    /// read by name, so an older EconomySim still reads and writes such a store and the schema version stays.
    /// </summary>
    private static async Task AddDesignColumns(DbConnection connection, DbTransaction transaction)
    {
        if (!await ColumnExists(connection, transaction, "design_point"))
            await Execute(connection, transaction, "ALTER TABLE economysim_runs ADD COLUMN design_point INTEGER NULL");
        if (!await ColumnExists(connection, transaction, "parameters"))
            await Execute(connection, transaction, "ALTER TABLE economysim_runs ADD COLUMN parameters TEXT NULL");
    }

    private static async Task<bool> ColumnExists(DbConnection connection, DbTransaction transaction, string column)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = connection is SqliteConnection
            ? "SELECT COUNT(*) FROM pragma_table_info('economysim_runs') WHERE name = @column"
            : "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'economysim_runs' AND column_name = @column";
        AddParameter(command, "@column", column);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private Task CheckReadableAsync() => With(async connection =>
    {
        if (await TableExists(connection, "economysim_schema")) await CheckSchemaVersion(connection);
        _holdsNoRuns = !await TableExists(connection, "economysim_runs");
        return true;
    });

    /// <returns>Whether the store has a schema version at all.</returns>
    private async Task<bool> CheckSchemaVersion(DbConnection connection, DbTransaction? transaction = null)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT MAX(version) FROM economysim_schema";
        var found = await read.ExecuteScalarAsync();
        if (found is null or DBNull) return false;
        var version = Convert.ToInt32(found, System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
            throw new StoreException($"{_store.Display}: this store was written by a newer EconomySim (schema {version}; this version reads up to {SchemaVersion}); upgrade EconomySim or use another store");
        return true;
    }

    private static async Task<bool> TableExists(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";
        AddParameter(command, "@table", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
