using EconomySim.Testing;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// A PostgreSQL store under a run: the server stopped and started again mid-run (the run waits and completes), stopped
/// for longer than the run may wait (it stops cleanly and resumes later), and eight runs writing at once.
/// </summary>
public sealed class PostgresFaultTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private string Store => "postgres:" + postgres.ConnectionString;

    private static readonly Lazy<string> Uninterrupted = new(() => Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"])));

    private long PhasesClosed(string runId) => StoreProbe.PhasesClosedInPostgres(postgres.ConnectionString, runId);

    [Fact]
    public async Task A_server_restarted_mid_run_is_waited_for_and_the_run_completes_with_the_uninterrupted_digest()
    {
        using var run = Cli.Watch([.. Faults.SmallRunWrittenEachPhase, "--store", Store, "--run-id", "pg-restart", "--json"]);
        StoreProbe.WaitFor(() => PhasesClosed("pg-restart") >= 25, run.Process, TimeSpan.FromMinutes(2));
        await postgres.StopAsync();
        try
        {
            StoreProbe.WaitFor(() => run.Stderr.Contains("waiting up to", StringComparison.Ordinal), run.Process, TimeSpan.FromMinutes(1));
        }
        finally
        {
            await postgres.StartAsync();
        }
        var result = run.Finish();
        Assert.Equal(Uninterrupted.Value, Faults.Digest(result));
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("not-a-secret", result.Stderr + result.Stdout);
        Cli.AssertStoredDigestVerified("pg-restart", Store);
    }

    [Fact]
    public async Task A_server_down_longer_than_the_wait_allowed_stops_the_run_cleanly_and_it_resumes_once_the_server_is_back()
    {
        using var run = Cli.Watch([.. Faults.SmallRunWrittenEachPhase, "--store", Store, "--run-id", "pg-outage", "--json"],
            new Dictionary<string, string> { ["ECONOMYSIM_STORE_RETRY_SECONDS"] = "3" });
        StoreProbe.WaitFor(() => PhasesClosed("pg-outage") >= 25, run.Process, TimeSpan.FromMinutes(2));
        await postgres.StopAsync();
        CliResult result;
        try
        {
            result = run.Finish();
        }
        finally
        {
            await postgres.StartAsync();
        }
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("not-a-secret", result.Stderr);
        var last = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains("the store failed mid-run and the run stopped", last);
        Assert.Contains("economysim resume pg-outage", last);

        var listed = Cli.Run("runs", "--store", Store, "--json").Json.EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == "pg-outage");
        Assert.Equal("interrupted", listed.GetProperty("status").GetString());
        Assert.Equal(Uninterrupted.Value, Faults.Digest(Cli.Run("resume", "pg-outage", "--store", Store, "--json")));
        Cli.AssertStoredDigestVerified("pg-outage", Store);
    }

    [Fact]
    public void Eight_runs_at_once_into_one_postgres_store_all_complete_with_the_digests_they_have_alone()
    {
        Load.AllCompleteWithTheirDigestsAlone(Store, "pg-crowd");
    }
}
