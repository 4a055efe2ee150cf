using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Application.Tests;

public sealed class ExperimentLifecycleTests : StoreFolder
{
    private static readonly string[] RunIds = ["pbr-vs-block-pbr-r1-1", "pbr-vs-block-pbr-r2-2", "pbr-vs-block-block-r1-1", "pbr-vs-block-block-r2-2"];

    /// <summary>The shipped comparison of payment by results with block contracts, with two replications instead of ten.</summary>
    private static ExperimentDocument Experiment() => ExperimentLoader.Load(RepositoryRoot.File("configs/experiments/pbr-vs-block.yaml"), 2);

    [Fact]
    public async Task An_experiment_registers_every_replication_and_records_each_ones_digest()
    {
        var store = Store("experiment.db");
        var experiment = await ExperimentLifecycle.RegisterAsync(Experiment(), store, HistoryCadence.Year);
        var registered = (await new RunRegistry(store).ListAsync()).OrderBy(r => Array.IndexOf(RunIds, r.RunId)).ToList();
        Assert.Equal(RunIds, registered.Select(r => r.RunId));
        Assert.All(registered, r => Assert.Equal((RunStatus.Running, "pbr-vs-block", Experiment().Path), (r.Status, r.Experiment, RunRecordOptions.Of(r).ExperimentFile)));
        Assert.Equal(new[] { ("pbr", 1, 1L), ("pbr", 2, 2L), ("block", 1, 1L), ("block", 2, 2L) }, registered.Select(r => (r.Variant!, r.Replication!.Value, r.Seed)));

        var outcome = await experiment.RunAsync(null, false, null, null, CancellationToken.None);

        Assert.Equal(Experiment().Expectations.Count, outcome.Expectations.Count);
        var recorded = (await new RunRegistry(store).ListAsync()).ToDictionary(r => r.RunId);
        foreach (var run in outcome.Runs.Runs)
            Assert.Equal((RunStatus.Completed, run.Result.Digest), (recorded[run.RunId].Status, recorded[run.RunId].Digest));
    }

    [Fact]
    public async Task A_replication_that_fails_is_recorded_failed_once_and_the_finished_ones_keep_their_digests()
    {
        var store = Store("failing.db");
        var experiment = await ExperimentLifecycle.RegisterAsync(Experiment(), store, HistoryCadence.Year);
        // The first block replication fails in a trust's decision in the first year's third month of hospital activity.
        Func<ReplicationStart, RunOptions> watch = start => start.Variant == "block" && start.Replication == 0
            ? new RunOptions { Fault = new InjectedFault(start.Economy.OfKind<TrustProfile>().First().Code, 11) }
            : RunOptions.None;

        var failure = await Assert.ThrowsAsync<RunFailedException>(() => experiment.RunAsync(1, false, null, watch, CancellationToken.None));

        var recorded = (await new RunRegistry(store).ListAsync()).ToDictionary(r => r.RunId);
        var failed = Assert.Single(recorded.Values, r => r.Status != RunStatus.Completed);
        Assert.Equal(("pbr-vs-block-block-r1-1", RunStatus.Failed, failure.Message), (failed.RunId, failed.Status, failed.Failure));
        Assert.Null(failed.Digest);
        Assert.All(recorded.Values.Where(r => r != failed), r => Assert.Matches("^[0-9a-f]{64}$", r.Digest));
    }

    [Fact]
    public async Task An_experiment_whose_run_ids_are_in_the_store_is_refused_before_any_is_registered()
    {
        var store = Store("taken.db");
        await RunLifecycle.RegisterAsync(SmallRuns.Plan("pbr-vs-block-block-r2-2", store), SmallRuns.Plain);

        var refused = await Assert.ThrowsAsync<UsageException>(() => ExperimentLifecycle.RegisterAsync(Experiment(), store, HistoryCadence.Year));

        Assert.StartsWith("a run 'pbr-vs-block-block-r2-2' of experiment 'pbr-vs-block' already exists", refused.Message);
        Assert.Equal(new[] { "pbr-vs-block-block-r2-2" }, (await new RunRegistry(store).ListAsync()).Select(r => r.RunId));
    }
}
