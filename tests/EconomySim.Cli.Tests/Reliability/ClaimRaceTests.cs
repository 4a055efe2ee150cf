using System.Text.Json;
using EconomySim.Testing;
using Npgsql;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// Two processes claiming one run at the same moment, as the real executable, on SQLite and PostgreSQL: two `run`s
/// with one `--run-id`, and two `resume`s of one interrupted run. Exactly one goes ahead; the other exits 2 with one
/// line, and the registry afterwards holds the winner's completed run with the uninterrupted digest and nothing else.
/// Each pair has a store of its own (an SQLite file; on PostgreSQL a database, or for `run`s an id) and a few pairs race
/// at a time, each pair's two processes started together. The interrupted run every `resume` pair races for is made
/// once, by killing a run, and copied into each pair's store as it was left (the SQLite file, or a PostgreSQL database
/// made from it as a template).
/// </summary>
public sealed class ClaimRaceTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-claims-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<string> Uninterrupted = new(() => Faults.Digest(Cli.Run([.. Faults.ShortRun, "--store", "none", "--json"])));

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private static readonly ParallelOptions PairsAtOnce = new() { MaxDegreeOfParallelism = ReliabilityFigures.ClaimPairsAtOnce };

    [Theory]
    [MemberData(nameof(Stores))]
    public void Of_two_runs_started_at_once_with_one_run_id_exactly_one_runs(string kind)
    {
        var stores = new string[ReliabilityFigures.ClaimPairs];
        Parallel.For(0, ReliabilityFigures.ClaimPairs, PairsAtOnce, pair =>
        {
            var store = stores[pair] = kind == "sqlite" ? "sqlite:" + Path.Combine(_dir, $"same-id-{pair}.db") : "postgres:" + postgres.ConnectionString;
            var id = $"same-id-{kind}-{pair}";
            var results = Both(() => Cli.Start([.. Faults.ShortRun, "--store", store, "--run-id", id, "--json"]));

            var winner = Assert.Single(results, r => r.ExitCode == 0);
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.True(loser.ExitCode == 2, $"pair {pair}: the loser exited {loser.ExitCode}: {loser.Stderr}");
            Faults.AssertOneClearLine(loser);
            Assert.Contains($"a run '{id}' already exists", loser.Stderr);
            Assert.Equal(Uninterrupted.Value, Faults.Digest(winner));
        });
        // Every store holds its pairs' runs, completed with the uninterrupted digest, and no other.
        foreach (var group in stores.Select((store, pair) => (store, id: $"same-id-{kind}-{pair}")).GroupBy(p => p.store))
            AssertHoldsCompletedRuns(group.Key, group.Select(p => p.id));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Of_two_resumes_started_at_once_exactly_one_carries_the_run_on(string kind)
    {
        const string id = "resumed-twice";
        var interrupted = kind == "sqlite" ? "sqlite:" + Path.Combine(_dir, "interrupted.db") : "postgres:" + Database("interrupted", template: null);
        using (var run = Cli.Start([.. Faults.ShortRun, "--history-cadence", "phase", "--store", interrupted, "--run-id", id, "--pace", ReliabilityFigures.KillRunPace, "--json"]))
        {
            StoreProbe.WaitFor(() => PhasesClosed(interrupted, id) >= 10, run, TimeSpan.FromMinutes(2));
            run.Kill(entireProcessTree: true);
            run.WaitForExit();
        }

        Parallel.For(0, ReliabilityFigures.ClaimPairs, PairsAtOnce, pair =>
        {
            var store = CopyOf(interrupted, pair);
            var results = Both(() => Cli.Start("resume", id, "--store", store, "--json"));

            var winner = Assert.Single(results, r => r.ExitCode == 0);
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.True(loser.ExitCode == 2, $"pair {pair}: the loser exited {loser.ExitCode}: {loser.Stderr}");
            Faults.AssertOneClearLine(loser);
            Assert.Equal(Uninterrupted.Value, Faults.Digest(winner));
            AssertHoldsCompletedRuns(store, [id]);
        });
    }

    /// <summary>Starts both processes before waiting for either, so their claims meet.</summary>
    private static CliResult[] Both(Func<System.Diagnostics.Process> start)
    {
        var first = start();
        var second = start();
        return [Cli.Finish(first), Cli.Finish(second)];
    }

    /// <summary>The store lists exactly these runs, each completed with the uninterrupted digest.</summary>
    private static void AssertHoldsCompletedRuns(string store, IEnumerable<string> ids)
    {
        var listed = Cli.Run("runs", "--store", store, "--json");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var records = listed.Json.EnumerateArray().ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), records.Select(r => r.GetProperty("run_id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var record in records)
        {
            Assert.True(record.GetProperty("status").GetString() == "completed", record.ToString());
            Assert.True(record.GetProperty("digest").GetString() == Uninterrupted.Value, record.ToString());
        }
    }

    /// <summary>The interrupted run's store as it was left, copied for one pair.</summary>
    private string CopyOf(string interrupted, int pair)
    {
        if (interrupted.StartsWith("postgres:", StringComparison.Ordinal))
            return "postgres:" + Database($"pair_{pair}", template: "interrupted");
        var copy = Path.Combine(_dir, $"resumed-{pair}.db");
        // The killed process left its last writes in the write-ahead log beside the file: both are the store.
        foreach (var suffix in new[] { "", "-wal" })
            if (File.Exists(StoreProbe.PathOf(interrupted) + suffix))
                File.Copy(StoreProbe.PathOf(interrupted) + suffix, copy + suffix);
        return "sqlite:" + copy;
    }

    private static readonly object TemplateLock = new();

    /// <summary>A new database on the test server, empty or copied from <paramref name="template"/>; its connection string.</summary>
    private string Database(string name, string? template)
    {
        using var connection = new NpgsqlConnection(postgres.ConnectionString);
        connection.Open();
        // PostgreSQL copies a template only while no one else is connected to it; the killed run's sessions may linger.
        lock (TemplateLock)
        {
            if (template is not null)
                Execute(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{template}' AND pid <> pg_backend_pid()");
            Execute(connection, template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        }
        return new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private long PhasesClosed(string store, string runId)
    {
        if (!store.StartsWith("postgres:", StringComparison.Ordinal)) return StoreProbe.PhasesClosed(store, runId);
        var count = StoreProbe.PhasesClosedInPostgres(store["postgres:".Length..], runId);
        // The probe's pooled sessions would hold the database, which must be free to serve as a template.
        NpgsqlConnection.ClearAllPools();
        return count;
    }
}
