using Akka.Actor;
using EconomySim.Cluster;

namespace EconomySim.Application;

/// <summary>
/// What every command that works on a cluster does before it registers anything: join the cluster and find a worker,
/// giving up in one line after the node's join wait (a worker joining waits the same way), so a command never waits in
/// silence and a refused command leaves the store as it was.
/// </summary>
internal static class ClusterWorkers
{
    public static async Task FindAsync(ActorSystem system, ClusterNodeOptions node, CancellationToken cancellation)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => joined.TrySetResult());
        var deadline = Task.Delay(node.JoinWait, cancellation);
        if (await Task.WhenAny(joined.Task, deadline) != joined.Task)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new UsageException($"--cluster: could not join the cluster through {node.Seeds} within {node.JoinWait.TotalSeconds:0} s (--join-wait); is a worker listening there?");
        }
        var worker = WorkerFit.WorkerUpAsync(system);
        if (await Task.WhenAny(worker, deadline) != worker)
        {
            cancellation.ThrowIfCancellationRequested();
            throw new UsageException($"--cluster: the cluster of {node.Seeds} had no worker within {node.JoinWait.TotalSeconds:0} s (--join-wait); start one with 'economysim worker --seed-node {node.SeedNodes[0]}'");
        }
    }
}
