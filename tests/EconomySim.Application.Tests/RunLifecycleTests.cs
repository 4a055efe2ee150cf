using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using Microsoft.Data.Sqlite;

namespace EconomySim.Application.Tests;

public sealed class RunLifecycleTests : StoreFolder
{
    [Fact]
    public async Task A_new_run_is_registered_as_running_and_recorded_completed_with_its_digest()
    {
        var store = Store("runs.db");
        var run = await RunLifecycle.RegisterAsync(SmallRuns.Plan("small", store, HistoryCadence.Month), SmallRuns.Plain);
        var registered = await SmallRuns.RecordOf(store, "small");
        Assert.Equal(RunStatus.Running, registered.Status);
        Assert.Equal((3L, 2, 1), (registered.Seed, registered.Years, registered.Scale));
        Assert.Equal(HistoryCadence.Month, RunRecordOptions.Of(registered).HistoryCadence);

        var result = await run.RunAsync(false, null, null, CancellationToken.None);

        Assert.Equal(SmallRuns.UninterruptedDigest, result.Digest);
        var completed = await SmallRuns.RecordOf(store, "small");
        Assert.Equal(RunStatus.Completed, completed.Status);
        Assert.Equal(result.Digest, completed.Digest);
        Assert.Equal((result.Organisations, result.Events), (completed.Organisations!.Value, completed.Events!.Value));
        Assert.Null(completed.Failure);
    }

    [Fact]
    public async Task A_run_id_already_in_the_store_is_refused_and_the_stored_run_is_left_as_it_was()
    {
        var store = Store("taken.db");
        await RunLifecycle.RegisterAsync(SmallRuns.Plan("taken", store), SmallRuns.Plain);
        var before = await SmallRuns.RecordOf(store, "taken");

        var refused = await Assert.ThrowsAsync<UsageException>(() => RunLifecycle.RegisterAsync(SmallRuns.Plan("taken", store), SmallRuns.Plain));

        Assert.Contains("a run 'taken' already exists", refused.Message);
        Assert.Equal(before, await SmallRuns.RecordOf(store, "taken"));
    }

    [Fact]
    public async Task A_run_whose_decision_fails_is_recorded_failed_and_resumes_to_the_uninterrupted_digest()
    {
        var store = Store("fault.db");
        // Phase 11 is the first year's third month of hospital activity, where trusts decide admissions; written phase
        // by phase, the phases before it are stored when it fails.
        var faulty = new RunConditions(new InjectedFault("TRA-001", 11), TimeSpan.Zero);
        var run = await RunLifecycle.RegisterAsync(SmallRuns.Plan("faulty", store, HistoryCadence.Phase), faulty);

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => run.RunAsync(false, null, null, CancellationToken.None));

        var failed = await SmallRuns.RecordOf(store, "faulty");
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(failure.Message, failed.Failure);
        Assert.Contains("TRA-001", failed.Failure);
        Assert.Null(failed.Digest);

        var resumed = await RunLifecycle.ResumeAsync(store, "faul", SmallRuns.Plain);
        Assert.Equal(HistoryCadence.Phase, resumed.Plan.Cadence);
        var result = await resumed.RunAsync(false, null, null, CancellationToken.None);

        Assert.Equal(SmallRuns.UninterruptedDigest, result.Digest);
        var completed = await SmallRuns.RecordOf(store, "faulty");
        Assert.Equal((RunStatus.Completed, result.Digest), (completed.Status, completed.Digest));
        Assert.Null(completed.Failure);
    }

    [Fact]
    public async Task A_run_whose_store_fails_mid_run_waits_for_it_and_carries_on_to_the_uninterrupted_digest()
    {
        var store = Store("refusing.db");
        var run = await RunLifecycle.RegisterAsync(SmallRuns.Plan("refused", store, HistoryCadence.Phase), new RunConditions(null, TimeSpan.FromMinutes(2)));
        // The store refuses every journal write from the 20th phase on, until the run says it is waiting for it.
        using var outside = new SqliteConnection($"Data Source={StoreFile("refusing.db")};Pooling=False");
        outside.Open();
        var refused = 0;
        var watch = new RunOptions
        {
            Progress = p =>
            {
                if (p.PhasesDone == 20 && Interlocked.Exchange(ref refused, 1) == 0)
                    Execute(outside, "CREATE TRIGGER refuse_writes BEFORE INSERT ON journal BEGIN SELECT RAISE(ABORT, 'the journal takes no writes'); END");
            },
        };
        var warnings = new List<string>();

        var result = await run.RunAsync(false, null, message =>
        {
            warnings.Add(message);
            Execute(outside, "DROP TRIGGER refuse_writes");
        }, CancellationToken.None, watch);

        var warning = Assert.Single(warnings);
        Assert.StartsWith("the store failed mid-run (", warning);
        Assert.Contains("the journal takes no writes", warning);
        Assert.Equal(SmallRuns.UninterruptedDigest, result.Digest);
        var completed = await SmallRuns.RecordOf(store, "refused");
        Assert.Equal((RunStatus.Completed, result.Digest), (completed.Status, completed.Digest));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
