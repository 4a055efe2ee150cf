using Akka.Actor;
using Akka.Cluster;

namespace EconomySim.Cluster;

/// <summary>
/// Whether a worker can take a piece of work: it must run the same code (or its results would differ from one
/// process's) and write to the same store (or the history would be split between stores). Replications and sharded
/// organisations are checked by this one rule.
/// </summary>
public static class WorkerFit
{
    /// <summary>Null when the worker can take the work; otherwise one line naming the worker and what to do.</summary>
    /// <param name="worker">The worker's address, as the user would find it in the worker's own first line.</param>
    public static string? Refusal(Address worker, string workerCode, string workerStore, string code, string store) =>
        workerCode != code ? $"worker {worker.Host}:{worker.Port} runs code version {workerCode}, not {code}: it is given no work (start it from the same build)"
        : workerStore != store ? $"worker {worker.Host}:{worker.Port} writes to store {workerStore}, not {store}: it is given no work (start it with --store {store})"
        : null;

    /// <summary>
    /// Asks every worker up in the cluster for its code and store, and returns the first refusal (told to that worker
    /// too, so its log says why it was given nothing), or null when every worker can take the work.
    /// </summary>
    public static async Task<string?> CheckAllAsync(ActorSystem system, string code, string store, CancellationToken cancellation)
    {
        var workers = Akka.Cluster.Cluster.Get(system).State.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterHosting.WorkerRole)).Select(m => m.Address).ToList();
        foreach (var address in workers)
        {
            var worker = system.ActorSelection(new RootActorPath(address) / "user" / ClusterHosting.WorkerName);
            WorkerChecked checkedIn;
            try
            {
                checkedIn = await worker.Ask<WorkerChecked>(WorkerCheckRequested.Instance, CheckWait, cancellation);
            }
            catch (AskTimeoutException)
            {
                return $"worker {address.Host}:{address.Port} did not say within {CheckWait.TotalSeconds:0} s which code and store it has: it is given no work";
            }
            if (Refusal(address, checkedIn.CodeVersion, checkedIn.Store, code, store) is { } refusal)
            {
                worker.Tell(new WorkRefused(refusal));
                return refusal;
            }
        }
        return null;
    }

    private static readonly TimeSpan CheckWait = TimeSpan.FromSeconds(10);

    /// <summary>Completes when a worker is up in the cluster this node has joined (at once if one already is).</summary>
    public static Task WorkerUpAsync(ActorSystem system)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = system.ActorOf(Props.Create(() => new WorkerUpWatcher(up)));
        up.Task.ContinueWith(_ => watcher.Tell(PoisonPill.Instance), TaskScheduler.Default);
        return up.Task;
    }

    private sealed class WorkerUpWatcher : ReceiveActor
    {
        public WorkerUpWatcher(TaskCompletionSource up)
        {
            Receive<ClusterEvent.CurrentClusterState>(state =>
            {
                if (state.Members.Any(IsWorkerUp)) up.TrySetResult();
            });
            Receive<ClusterEvent.MemberUp>(joined =>
            {
                if (IsWorkerUp(joined.Member)) up.TrySetResult();
            });
        }

        private static bool IsWorkerUp(Member member) => member.Status == MemberStatus.Up && member.HasRole(ClusterHosting.WorkerRole);

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberUp));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
