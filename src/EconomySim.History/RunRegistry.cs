using System.Data.Common;
using System.Diagnostics;
using EconomySim.Engine.Persistence;
using EconomySim.Scenarios;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EconomySim.History;

/// <summary>
/// The run registry, kept in the same database as the histories. All SQL goes through parameters. How the tables are
/// created and versioned is in RunRegistry.Schema.cs.
/// </summary>
public sealed partial class RunRegistry
{
    public const int SchemaVersion = 1;
    private readonly HistoryStore _store;
    private bool _holdsNoRuns;

    public RunRegistry(HistoryStore store)
    {
        if (!store.Persists) throw new ArgumentException("The registry needs a store.", nameof(store));
        _store = store;
    }

    public HistoryStore Store => _store;

    private DbConnection Connect()
    {
        if (_store.Kind == StoreKind.Sqlite)
        {
            var directory = Path.GetDirectoryName(_store.SqliteFile);
            if (!_store.ReadOnly && !string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            return new SqliteConnection(_store.ConnectionString);
        }
        return new NpgsqlConnection(_store.ConnectionString);
    }

    private async Task<T> With<T>(Func<DbConnection, Task<T>> work)
    {
        try
        {
            await using var connection = Connect();
            await connection.OpenAsync();
            if (connection is SqliteConnection)
                await Execute(connection, $"PRAGMA busy_timeout = {SqliteTuning.BusyTimeoutMilliseconds};");
            return await work(connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26)
        {
            throw new StoreException($"{_store.Display}: the file is not an SQLite database (corrupt, or another kind of file); move it aside or name another with --store sqlite:PATH", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            throw new StoreException($"{_store.Display}: the database is locked by another program; close it or wait, then try again", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 8 or 14 or 13)
        {
            throw new StoreException($"{_store.Display}: the database cannot be written ({e.Message.TrimEnd('.')}); check the file's permissions and free disk space", e);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{_store.Display}: {e.Message.TrimEnd('.')}", e);
        }
        catch (PostgresException e) when (!ReachFailureClasses.Any(c => e.SqlState.StartsWith(c, StringComparison.Ordinal)))
        {
            throw new StoreException($"{_store.Display}: the PostgreSQL store refused the registry's statement ({e.SqlState}: {e.MessageText.TrimEnd('.')}); check that this user may create and write tables in the database", e);
        }
        catch (NpgsqlException e)
        {
            throw new StoreException($"{_store.Display}: cannot reach the PostgreSQL store ({e.GetBaseException().Message.TrimEnd('.')}); check that the server is running and the connection string is right", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"{_store.Display}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new StoreException($"{_store.Display}: {e.Message}", e);
        }
    }

    /// <summary>
    /// PostgreSQL's error classes that mean the store was not reached as named: connection exceptions, authorisation,
    /// a database that does not exist, and a server shutting down. Any other error came from a statement the server
    /// refused, which "cannot reach" would misdescribe.
    /// </summary>
    private static readonly string[] ReachFailureClasses = ["08", "28", "3D", "57P"];

    private static Task<int> Execute(DbConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Execute(connection, null, sql, parameters);

    /// <returns>The number of rows the statement changed.</returns>
    private static async Task<int> Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) AddParameter(command, name, value);
        return await command.ExecuteNonQueryAsync();
    }

    private static void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    /// <summary>
    /// Claims the run id and records the run as running in this process. The insert is conditional on the id being free,
    /// in the one statement, so of two processes claiming one id exactly one wins; the other gets
    /// <see cref="RunClaimedException"/> and the winner's record is untouched.
    /// </summary>
    public Task RegisterAsync(RunRecord run) => RegisterAllAsync([run]);

    /// <summary>
    /// Claims every run id (an experiment's replications) in one transaction: all are registered, or, when any id is
    /// taken, none is and <see cref="RunClaimedException"/> names the first taken.
    /// </summary>
    public Task RegisterAllAsync(IReadOnlyList<RunRecord> runs) => With(async connection =>
    {
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var run in runs)
        {
            var inserted = await Execute(connection, transaction, """
                INSERT INTO economysim_runs (run_id, scenario, scenario_file, scenario_sha256, scenario_sources, seed, years, scale,
                  code_version, options, experiment, variant, replication, design_point, parameters, status, started_at, host, process_id)
                VALUES (@id, @scenario, @file, @sha, @sources, @seed, @years, @scale, @code, @options, @experiment, @variant,
                  @replication, @point, @parameters, @status, @started, @host, @pid)
                ON CONFLICT (run_id) DO NOTHING
                """,
                ("@id", run.RunId), ("@scenario", run.Scenario), ("@file", run.ScenarioFile), ("@sha", run.ScenarioSha256),
                ("@sources", run.ScenarioSources), ("@seed", run.Seed), ("@years", run.Years), ("@scale", run.Scale),
                ("@code", run.CodeVersion), ("@options", run.Options), ("@experiment", run.Experiment), ("@variant", run.Variant),
                ("@replication", run.Replication), ("@point", run.DesignPoint), ("@parameters", DesignColumns.Write(run.Parameters)), ("@status", "running"), ("@started", run.StartedAt.ToString("O")),
                ("@host", run.Host), ("@pid", run.ProcessId));
            if (inserted == 0)
            {
                await transaction.RollbackAsync();
                throw new RunClaimedException(run.RunId, $"a run '{run.RunId}' already exists in {_store.Display}");
            }
        }
        await transaction.CommitAsync();
        return true;
    });

    /// <summary>
    /// Takes up a run, as read from the registry, to carry it on in this process. The update is conditional on the run
    /// still being as it was read (not completed, and held by the same host and process), so of two processes resuming
    /// one run exactly one wins; the other gets <see cref="RunClaimedException"/>. A run this process already holds
    /// (after its store came back mid-run) is claimed again without contest.
    /// </summary>
    public Task ClaimAsync(RunRecord asRead) => With(async connection =>
    {
        var claimed = await Execute(connection, """
            UPDATE economysim_runs SET status = @running, ended_at = NULL, failure = NULL, host = @host, process_id = @pid
            WHERE run_id = @id AND status <> @completed AND host = @readHost AND process_id = @readPid
            """,
            ("@running", "running"), ("@host", Environment.MachineName), ("@pid", Environment.ProcessId), ("@id", asRead.RunId),
            ("@completed", "completed"), ("@readHost", asRead.Host), ("@readPid", asRead.ProcessId));
        if (claimed == 0)
            throw new RunClaimedException(asRead.RunId, $"run '{asRead.RunId}' was taken up by another process while this one was starting; 'economysim runs' shows who holds it");
        return true;
    });

    /// <summary>
    /// Records the run's end. Only the process holding the run (running, on this host, with this process id) can end
    /// it, so a process that lost a claim can never turn the winner's completed run back into an interrupted one.
    /// </summary>
    public Task CompleteAsync(string runId, string digest, int organisations, long messages, long events, double wallSeconds) => With(async connection =>
    {
        await Execute(connection, """
            UPDATE economysim_runs SET status = @status, ended_at = @ended, digest = @digest, organisations = @orgs,
              messages = @messages, events = @events, wall_seconds = @wall, failure = NULL
            WHERE run_id = @id AND status = @held AND host = @host AND process_id = @pid
            """,
            [("@status", "completed"), ("@ended", DateTimeOffset.UtcNow.ToString("O")), ("@digest", digest), ("@orgs", organisations),
            ("@messages", messages), ("@events", events), ("@wall", wallSeconds), .. HeldHereParameters(runId)]);
        return true;
    });

    /// <inheritdoc cref="CompleteAsync"/>
    public Task EndAsync(string runId, RunStatus status, string failure) => With(async connection =>
    {
        await Execute(connection, """
            UPDATE economysim_runs SET status = @status, ended_at = @ended, failure = @failure
            WHERE run_id = @id AND status = @held AND host = @host AND process_id = @pid
            """,
            [("@status", StatusText(status)), ("@ended", DateTimeOffset.UtcNow.ToString("O")), ("@failure", failure), .. HeldHereParameters(runId)]);
        return true;
    });

    /// <summary>The run as held by this process: running, on this host, under this process id.</summary>
    private static (string Name, object? Value)[] HeldHereParameters(string runId) =>
        [("@id", runId), ("@held", "running"), ("@host", Environment.MachineName), ("@pid", Environment.ProcessId)];

    public Task<IReadOnlyList<RunRecord>> ListAsync() => _holdsNoRuns ? Task.FromResult<IReadOnlyList<RunRecord>>([]) : With<IReadOnlyList<RunRecord>>(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM economysim_runs ORDER BY started_at, run_id";
        var runs = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) runs.Add(Read(reader));
        return runs;
    });

    /// <summary>
    /// The run a user means: an exact id, or a prefix that matches exactly one run. Otherwise a message that lists the
    /// matches, or the runs whose ids are nearest.
    /// </summary>
    public async Task<RunRecord> FindAsync(string idOrPrefix)
    {
        var runs = await ListAsync();
        var exact = runs.FirstOrDefault(r => r.RunId == idOrPrefix);
        if (exact is not null) return exact;
        var matches = runs.Where(r => r.RunId.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count > 1)
            throw new RunNotFoundException($"run id '{idOrPrefix}' is ambiguous in {_store.Display}: it starts {matches.Count} runs ({string.Join(", ", matches.Take(5).Select(r => r.RunId))}{(matches.Count > 5 ? ", ..." : "")}); give more of the id");
        // Ids are long and typed in part, so each is measured by as much of it as was typed.
        var near = runs.Select(r => r.RunId).OrderBy(id => NameSuggestion.EditDistance(id[..Math.Min(id.Length, idOrPrefix.Length)], idOrPrefix)).ThenBy(id => id, StringComparer.Ordinal).Take(3).ToList();
        throw new RunNotFoundException(near.Count == 0
            ? $"no run '{idOrPrefix}' in {_store.Display}: the store holds no runs yet"
            : $"no run '{idOrPrefix}' in {_store.Display}; nearest: {string.Join(", ", near)} ('economysim runs' lists them all)");
    }

    private static RunRecord Read(DbDataReader r)
    {
        string? S(string c) => r[c] is DBNull ? null : Convert.ToString(r[c], System.Globalization.CultureInfo.InvariantCulture);
        long? L(string c) => r[c] is DBNull ? null : Convert.ToInt64(r[c], System.Globalization.CultureInfo.InvariantCulture);
        double? D(string c) => r[c] is DBNull ? null : Convert.ToDouble(r[c], System.Globalization.CultureInfo.InvariantCulture);
        var status = ParseStatus(S("status")!);
        var host = S("host")!;
        var pid = (int)L("process_id")!.Value;
        // A run marked running whose process is gone was killed: it is interrupted and can be resumed.
        if (status == RunStatus.Running && host == Environment.MachineName && !IsAlive(pid)) status = RunStatus.Interrupted;
        return new RunRecord(S("run_id")!, S("scenario")!, S("scenario_file")!, S("scenario_sha256")!, S("scenario_sources")!,
            L("seed")!.Value, (int)L("years")!.Value, (int)L("scale")!.Value, S("code_version")!, S("options")!, status,
            DateTimeOffset.Parse(S("started_at")!, System.Globalization.CultureInfo.InvariantCulture), host, pid,
            Experiment: S("experiment"), Variant: S("variant"), Replication: (int?)L("replication"),
            EndedAt: S("ended_at") is { } ended ? DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture) : null,
            Digest: S("digest"), Organisations: (int?)L("organisations"), Messages: L("messages"), Events: L("events"),
            WallSeconds: D("wall_seconds"), Failure: S("failure"),
            // Stores opened for reading are never altered: one written before designs has no design columns.
            DesignPoint: DesignColumns.Has(r, "design_point") ? (int?)L("design_point") : null,
            Parameters: DesignColumns.Has(r, "parameters") ? DesignColumns.Read(S("parameters")) : null);
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        _ => "interrupted",
    };

    private static RunStatus ParseStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "completed" => RunStatus.Completed,
        "failed" => RunStatus.Failed,
        _ => RunStatus.Interrupted,
    };
}
