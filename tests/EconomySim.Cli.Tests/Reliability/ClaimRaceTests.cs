using EconomySim.Testing;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// Two processes claiming one run at the same moment, as the real executable, on SQLite and PostgreSQL: two `run`s
/// with one `--run-id`, and two `resume`s of one interrupted run. Exactly one goes ahead; the other exits 2 with one
/// line, and the registry afterwards holds the winner's completed run with the uninterrupted digest.
/// </summary>
public sealed class ClaimRaceTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-claims-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<string> Uninterrupted = new(() => Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"])));

    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private string StoreFor(string kind, int pair) =>
        kind == "sqlite" ? "sqlite:" + Path.Combine(_dir, $"claims-{pair}.db") : "postgres:" + postgres.ConnectionString;

    [Theory]
    [MemberData(nameof(Stores))]
    public void Of_two_runs_started_at_once_with_one_run_id_exactly_one_runs(string kind)
    {
        for (var pair = 0; pair < ReliabilityFigures.ClaimPairs; pair++)
        {
            var store = StoreFor(kind, pair);
            var id = $"same-id-{kind}-{pair}";
            var results = Both(() => Cli.Start([.. Faults.SmallRun, "--store", store, "--run-id", id, "--json"]));

            var winner = Assert.Single(results, r => r.ExitCode == 0);
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.True(loser.ExitCode == 2, $"pair {pair}: the loser exited {loser.ExitCode}: {loser.Stderr}");
            Faults.AssertOneClearLine(loser);
            Assert.Contains($"a run '{id}' already exists", loser.Stderr);
            Assert.Equal(Uninterrupted.Value, Faults.Digest(winner));
            AssertCompletedWithUninterruptedDigest(id, store);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Of_two_resumes_started_at_once_exactly_one_carries_the_run_on(string kind)
    {
        for (var pair = 0; pair < ReliabilityFigures.ClaimPairs; pair++)
        {
            var store = StoreFor(kind, pair);
            var id = $"resumed-twice-{kind}-{pair}";
            using (var run = Cli.Start([.. Faults.SmallRunWrittenEachPhase, "--store", store, "--run-id", id, "--pace", ReliabilityFigures.KillRunPace, "--json"]))
            {
                StoreProbe.WaitFor(() => PhasesClosed(kind, store, id) >= 10, run, TimeSpan.FromMinutes(2));
                run.Kill(entireProcessTree: true);
                run.WaitForExit();
            }

            var results = Both(() => Cli.Start("resume", id, "--store", store, "--json"));

            var winner = Assert.Single(results, r => r.ExitCode == 0);
            var loser = Assert.Single(results, r => r.ExitCode != 0);
            Assert.True(loser.ExitCode == 2, $"pair {pair}: the loser exited {loser.ExitCode}: {loser.Stderr}");
            Faults.AssertOneClearLine(loser);
            Assert.Equal(Uninterrupted.Value, Faults.Digest(winner));
            AssertCompletedWithUninterruptedDigest(id, store);
        }
    }

    /// <summary>Starts both processes before waiting for either, so their claims meet.</summary>
    private static CliResult[] Both(Func<System.Diagnostics.Process> start)
    {
        var first = start();
        var second = start();
        return [Cli.Finish(first), Cli.Finish(second)];
    }

    private static void AssertCompletedWithUninterruptedDigest(string id, string store)
    {
        var listed = Cli.Run("runs", "--store", store, "--json");
        var record = Assert.Single(listed.Json.EnumerateArray(), r => r.GetProperty("run_id").GetString() == id);
        Assert.Equal("completed", record.GetProperty("status").GetString());
        Assert.Equal(Uninterrupted.Value, record.GetProperty("digest").GetString());
    }

    private long PhasesClosed(string kind, string store, string runId) =>
        kind == "sqlite" ? StoreProbe.PhasesClosed(store, runId) : StoreProbe.PhasesClosedInPostgres(postgres.ConnectionString, runId);
}
