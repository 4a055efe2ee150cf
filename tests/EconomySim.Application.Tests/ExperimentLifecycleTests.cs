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
    private static readonly string[] RunIds = ["lifecycle-pbr-r1-1", "lifecycle-pbr-r2-2", "lifecycle-block-r1-1", "lifecycle-block-r2-2"];

    /// <summary>Payment by results against block contracts on one integrated care board, two replications of two years.</summary>
    private ExperimentDocument Experiment()
    {
        var path = StoreFile("experiment.yaml");
        File.WriteAllText(path, $"""
            experiment:
              name: lifecycle
              scenario: {RepositoryRoot.File("configs/cambridgeshire-peterborough-flat-cash.yaml")}
              replications: 2
              years: 2
            variants:
              - name: pbr
                set:
                  contracts.acute_payment: payment_by_results
              - name: block
                set:
                  contracts.acute_payment: block
            expect:
              - metric: elective_treated
                year: 2024
                higher: pbr
                than: block
            """);
        return ExperimentLoader.Load(path);
    }

    [Fact]
    public async Task An_experiment_registers_every_replication_and_records_each_ones_digest()
    {
        var store = Store("experiment.db");
        var experiment = await ExperimentLifecycle.RegisterAsync(Experiment(), store, HistoryCadence.Year);
        var registered = (await new RunRegistry(store).ListAsync()).OrderBy(r => Array.IndexOf(RunIds, r.RunId)).ToList();
        Assert.Equal(RunIds, registered.Select(r => r.RunId));
        Assert.All(registered, r => Assert.Equal((RunStatus.Running, "lifecycle"), (r.Status, r.Experiment)));
        Assert.Equal(new[] { ("pbr", 1, 1L), ("pbr", 2, 2L), ("block", 1, 1L), ("block", 2, 2L) }, registered.Select(r => (r.Variant!, r.Replication!.Value, r.Seed)));

        var outcome = await experiment.RunAsync(null, false, null, null, CancellationToken.None);

        Assert.True(Assert.Single(outcome.Expectations).Passed);
        Assert.Empty(outcome.Failed);
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
        Assert.Equal(("lifecycle-block-r1-1", RunStatus.Failed, failure.Message), (failed.RunId, failed.Status, failed.Failure));
        Assert.Null(failed.Digest);
        Assert.All(recorded.Values.Where(r => r != failed), r => Assert.Matches("^[0-9a-f]{64}$", r.Digest));
    }

    [Fact]
    public async Task An_experiment_whose_run_ids_are_in_the_store_is_refused_before_any_is_registered()
    {
        var store = Store("taken.db");
        await RunLifecycle.RegisterAsync(SmallRuns.Plan("lifecycle-block-r2-2", store), SmallRuns.Plain);

        var refused = await Assert.ThrowsAsync<UsageException>(() => ExperimentLifecycle.RegisterAsync(Experiment(), store, HistoryCadence.Year));

        Assert.StartsWith("a run 'lifecycle-block-r2-2' of experiment 'lifecycle' already exists", refused.Message);
        Assert.Equal(new[] { "lifecycle-block-r2-2" }, (await new RunRegistry(store).ListAsync()).Select(r => r.RunId));
    }
}
