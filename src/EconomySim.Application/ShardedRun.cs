using EconomySim.Cluster;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;

namespace EconomySim.Application;

/// <summary>A run whose organisations are sharded over a cluster's workers: where this node is, and the scenario the workers rebuild.</summary>
internal sealed record ShardedRun(ClusterNodeOptions Node, string ScenarioFile, string ScenarioSources, int Years, int Scale)
{
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(60);

    public async Task<IOrganisationPlacement> PlaceAsync(Akka.Actor.ActorSystem system, string runId, long seed, HistoryStore store, bool newHistory,
        CancellationToken cancellation)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var workerUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => workerUp.TrySetResult());
        if (await Task.WhenAny(workerUp.Task, Task.Delay(WorkerWait, cancellation)) != workerUp.Task)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new UsageException($"--cluster: could not join the cluster through {Node.SeedNode} within {WorkerWait.TotalSeconds:0} s; is a worker listening there?");
        }
        if (!cluster.State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(ClusterHosting.WorkerRole)))
            throw new UsageException($"--cluster: the cluster of {Node.SeedNode} has no worker to hold the organisations; start one with 'economysim worker --seed-node {Node.SeedNode}'");
        if (store.Persists) await StoreWarmup.PrepareAsync(system, store.Display, cancellation);
        var proxy = OrganisationSharding.StartProxy(system);
        return new ShardedPlacement(system, proxy, runId, seed, ScenarioFile, ScenarioSources, Years, Scale, store.Persists, newHistory, store.Display);
    }
}
