using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EconomySim.Cli.Tests;

/// <summary>Looks into an SQLite store from outside the program that writes it, and waits on what it sees.</summary>
public static class StoreProbe
{
    public static string PathOf(string store) => store.StartsWith("sqlite:", StringComparison.Ordinal) ? store["sqlite:".Length..] : store;

    /// <summary>Journal rows written so far (0 before the journal exists).</summary>
    public static long JournalEntries(string store) => Count(store, "SELECT COUNT(*) FROM journal", null);

    /// <summary>Journal entries written by organisations (every row but the clock's).</summary>
    public static long OrganisationEntries(string store) => Count(store, "SELECT COUNT(*) FROM journal WHERE persistence_id NOT LIKE @id", "%|clock|%");

    /// <summary>The most journal entries any one organisation wrote.</summary>
    public static long MostEntriesOfOneOrganisation(string store) =>
        Count(store, "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM journal WHERE persistence_id NOT LIKE @id GROUP BY persistence_id)", "%|clock|%");

    /// <summary>Phases the run's clock has recorded as closed: one journal row each.</summary>
    /// <summary>The same count in a PostgreSQL store, given its connection string (0 before the journal exists).</summary>
    public static long PhasesClosedInPostgres(string connectionString, string runId)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT COUNT(*) FROM journal WHERE persistence_id = @id", connection);
            command.Parameters.AddWithValue("id", runId + "|clock|calendar");
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return 0; // no journal table yet
        }
    }

    public static long PhasesClosed(string store, string runId) =>
        Count(store, "SELECT COUNT(*) FROM journal WHERE persistence_id = @id", runId + "|clock|calendar");

    private static long Count(string store, string sql, string? persistenceId)
    {
        var path = PathOf(store);
        if (!File.Exists(path)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (persistenceId is not null) command.Parameters.AddWithValue("@id", persistenceId);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return 0; // the journal table is not there yet, or the writer holds it for a moment
        }
    }

    /// <summary>Waits until the condition holds, failing if the watched process ends first or the limit passes.</summary>
    public static void WaitFor(Func<bool> condition, Process process, TimeSpan limit) =>
        WaitFor(condition, process, limit, Stopwatch.StartNew());

    /// <summary>
    /// Waits as <see cref="WaitFor(Func{bool}, Process, TimeSpan)"/> and returns, on <paramref name="clock"/>, when the
    /// last look that found the condition not holding began: whatever made it hold happened after that moment.
    /// </summary>
    public static TimeSpan WaitFor(Func<bool> condition, Process process, TimeSpan limit, Stopwatch clock)
    {
        var started = clock.Elapsed;
        var lastNotHolding = started;
        while (true)
        {
            var looked = clock.Elapsed;
            if (condition()) return lastNotHolding;
            lastNotHolding = looked;
            if (process.HasExited) throw new InvalidOperationException($"the run ended (exit {process.ExitCode}) before the condition held");
            if (clock.Elapsed - started > limit) throw new TimeoutException("the condition did not hold in time");
            Thread.Sleep(20);
        }
    }
}
