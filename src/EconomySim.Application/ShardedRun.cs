using EconomySim.Cluster;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;

namespace EconomySim.Application;

/// <summary>A run whose organisations are sharded over a cluster's workers: where this node is, and the scenario the workers rebuild.</summary>
internal sealed record ShardedRun(ClusterNodeOptions Node, string ScenarioFile, string ScenarioSources, int Years, int Scale)
{
    public async Task<IOrganisationPlacement> PlaceAsync(Akka.Actor.ActorSystem system, string runId, long seed, HistoryStore store, bool newHistory,
        CancellationToken cancellation)
    {
        await ClusterWorkers.FindAsync(system, Node, cancellation);
        // Every worker holds some of the organisations, so every worker must have the run's code and store.
        if (await WorkerFit.CheckAllAsync(system, CodeVersion.Current, store.Display, cancellation) is { } refusal)
            throw new UsageException($"--sharded: {refusal}; a sharded run places organisations on every worker of the cluster");
        if (store.Persists) await StoreWarmup.PrepareAsync(system, store.Display, cancellation);
        var proxy = OrganisationSharding.StartProxy(system);
        return new ShardedPlacement(system, proxy, runId, seed, ScenarioFile, ScenarioSources, Years, Scale, store.Persists, newHistory, store.Display);
    }
}
