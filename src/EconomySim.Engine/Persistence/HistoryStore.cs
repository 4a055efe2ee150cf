using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EconomySim.Engine.Persistence;

public enum StoreKind
{
    None = 0,
    Sqlite = 1,
    Postgres = 2,
}

/// <summary>
/// Where run histories are kept: nowhere, an SQLite file (the default: no set-up), or a PostgreSQL database. The same
/// Akka.Persistence.Sql journal serves both databases; only the connection and the linq2db provider differ.
/// </summary>
public sealed partial record HistoryStore(StoreKind Kind, string ConnectionString, string Display)
{
    public const string DefaultSqlitePath = "runs/economysim.db";

    public static readonly HistoryStore None = new(StoreKind.None, "", "none");

    public bool Persists => Kind != StoreKind.None;

    /// <summary>The SQLite file, as a full path, however the connection string names it; null for other stores.</summary>
    public string? SqliteFile { get; private init; }

    /// <summary>Opened by <see cref="ForReading"/>: the database refuses every write, and nothing is created in it.</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>
    /// The same store for a command that only reads (runs, show, compare, export, fit, dashboard): a store on a
    /// read-only mount, or one the user may read but not write, can still be read, and a reading command can never
    /// change it. SQLite opens the file read-only; PostgreSQL makes every transaction read-only.
    /// </summary>
    public HistoryStore ForReading()
    {
        switch (Kind)
        {
            case StoreKind.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
                // A WAL database is read through a shared-memory file beside it, which the reader creates when it is
                // missing. Where nothing can be created there, nobody can be writing the database either, so it is
                // read as immutable: SQLite then needs no such file.
                if (!CanCreateFilesIn(Path.GetDirectoryName(SqliteFile)!))
                    sqlite.DataSource = "file:" + SqliteFile!.Replace("%", "%25", StringComparison.Ordinal)
                        .Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal) + "?immutable=1";
                return this with { ConnectionString = sqlite.ConnectionString, ReadOnly = true };
            case StoreKind.Postgres:
                var postgres = new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c default_transaction_read_only=on" };
                return this with { ConnectionString = postgres.ConnectionString, ReadOnly = true };
            default:
                return this;
        }
    }

    private static bool CanCreateFilesIn(string directory)
    {
        const int writable = 2, searchable = 1;
        return !OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || Access(directory, writable | searchable) == 0;
    }

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    /// <summary>The environment variable naming the store a command uses when it is given no --store.</summary>
    public const string Variable = "ECONOMYSIM_STORE";

    /// <summary>
    /// The command that carries a run of this store on, as a hint for the user to type: it names this store unless a
    /// command given no --store would find the run here anyway (the default SQLite file, or the store the environment
    /// variable names).
    /// </summary>
    public string ResumeCommand(string runId) =>
        $"economysim resume {runId}" + (IsTheDefault() ? "" : $" --store {(SafeInShell().IsMatch(Display) ? Display : $"\"{Display}\"")}");

    private bool IsTheDefault()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        HistoryStore fallback;
        try
        {
            fallback = Parse(string.IsNullOrWhiteSpace(named) ? "sqlite" : named);
        }
        catch (ArgumentException)
        {
            return false;
        }
        // Compared as written, not by connection string: a store opened for reading has its connection string changed.
        return fallback.Kind == Kind && (Kind == StoreKind.Sqlite ? fallback.SqliteFile == SqliteFile : fallback.Display == Display);
    }

    [GeneratedRegex("^[A-Za-z0-9_./:=+@%-]+$")]
    private static partial Regex SafeInShell();

    /// <summary>As a user writes it, password hidden: help texts and messages show a store this way, never its connection string.</summary>
    public override string ToString() => Display;

    public string ProviderName => Kind switch
    {
        StoreKind.Sqlite => "SQLite.MS",
        StoreKind.Postgres => "PostgreSQL.15",
        _ => "",
    };

    /// <summary>
    /// Parses a store as a user writes it: <c>none</c>, <c>sqlite</c>, <c>sqlite:PATH</c> or <c>postgres:CONNECTION</c>.
    /// Throws <see cref="ArgumentException"/> with a message fit for the user.
    /// </summary>
    public static HistoryStore Parse(string text)
    {
        var value = text.Trim();
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        if (value.Equals("sqlite", StringComparison.OrdinalIgnoreCase)) return Sqlite(DefaultSqlitePath);
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["sqlite:".Length..];
            if (path.Length == 0) throw new ArgumentException("--store: 'sqlite:' needs a file path, e.g. sqlite:runs/economysim.db");
            return Sqlite(path);
        }
        if (value.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            var connection = value[(value.IndexOf(':') + 1)..];
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connection);
                if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("no Host");
                var shown = new NpgsqlConnectionStringBuilder(connection);
                if (!string.IsNullOrEmpty(shown.Password)) shown.Password = "***";
                // A run recovers its organisations many at a time; without a cap each process could take up to a hundred
                // connections, and a few runs or cluster nodes at once exhaust the server's (100 by default). Waiting for
                // one of ten costs nothing a run would notice. A pool size the user gives is kept (the builder cannot
                // tell: it answers that it holds every keyword it knows).
                if (!PoolSizePattern().IsMatch(connection))
                {
                    builder.MaxPoolSize = 10;
                    connection = builder.ConnectionString;
                }
                return new HistoryStore(StoreKind.Postgres, connection, $"postgres:{shown.ConnectionString}");
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--store: '{Redact(connection)}' is not a PostgreSQL connection string ({e.Message}); e.g. postgres:Host=127.0.0.1;Port=5432;Database=economysim;Username=me");
            }
        }
        throw new ArgumentException($"--store: '{Redact(value)}' is not a store; allowed: none, sqlite, sqlite:PATH, postgres:CONNECTION-STRING");
    }

    public static HistoryStore Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 60, Pooling = true };
        return new HistoryStore(StoreKind.Sqlite, builder.ConnectionString, $"sqlite:{path}") { SqliteFile = full };
    }

    /// <summary>Hides anything that looks like a password, for messages about a store that could not be parsed.</summary>
    public static string Redact(string text) => PasswordPattern().Replace(text, "$1***");

    [GeneratedRegex("((?:password|pwd)\\s*=\\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();

    public string Hocon()
    {
        if (!Persists)
            return """
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
                """;
        var connection = Quote(ConnectionString);
        return $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "{{typeof(RunWriteJournal).AssemblyQualifiedName}}"
                  connection-string = {{connection}}
                  provider-name = "{{ProviderName}}"
                  auto-initialize = {{(ReadOnly ? "off" : "on")}}
                  warn-on-auto-init-fail = off
                  # Tags in the journal row itself: measured here, tagged writes ran 1.3 to 2.4 times faster than with
                  # the separate tag table, and a run's history is read by one tag query, which the CSV column serves.
                  tag-write-mode = Csv
                  # Entries gathered into one transaction while the previous one is written. Each transaction is a
                  # commit and, through the plugin, a connection taken from the pool and its own bookkeeping: with
                  # SQLite, 400 took a warm persisted England run (10 years) from a median of 2.12 to 1.90 s against 20
                  # (six alternated rounds of four runs each; 1,000 and 2,000 no faster again). SQLite's rows are
                  # written by the engine's own writer (SqliteJournalWriter), which gathers as many a transaction.
                  batch-size = 400
                  # Entries per insert statement within a transaction, where the plugin writes them (PostgreSQL): its
                  # driver finds parameters by a hash, and each statement is a round trip to the server, so there the
                  # whole transaction is one statement. SQLite's writer inserts one row a statement, prepared once; the
                  # plugin's setting for it is kept at the 20 it measured best at, for a journal left to the plugin.
                  db-round-trip-max-batch-size = {{(Kind == StoreKind.Sqlite ? 20 : 400)}}
                  # Entries are a year of an organisation's events (kilobytes each): as parameters they go to the
                  # database as they are, instead of being spelt out as literals in the statement's text (England,
                  # 10 years on SQLite through the plugin: 6.5 s with literals, 5.2 to 5.5 s with parameters).
                  prefer-parameters-on-multirow-insert = true
                  buffer-size = {{RunJournal.WriteQueueCapacity}}
                  parallelism = {{(Kind == StoreKind.Sqlite ? 1 : 3)}}
                  # A read or write may wait its turn for a file other runs are writing (SQLite's busy timeout) or for a
                  # pooled connection; the journal must not give up on it sooner (its default is ten seconds), or several
                  # runs into one store on a busy machine stop one another.
                  circuit-breaker.call-timeout = {{CallTimeoutSeconds}}s
                }
              }
              # Nothing is kept as a snapshot (a resumed run is recomputed, not restored), and a snapshot store would
              # be asked for every actor's latest snapshot when a run is resumed: one query per organisation for nothing.
              snapshot-store.plugin = "akka.persistence.no-snapshot-store"
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = "{{ProviderName}}"
                tag-read-mode = Csv
              }
            }
            """;
    }

    private int CallTimeoutSeconds => Kind == StoreKind.Sqlite ? SqliteTuning.BusyTimeoutMilliseconds / 1000 + 30 : 60;

    [GeneratedRegex("max(imum)?\\s*pool\\s*size\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PoolSizePattern();

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
