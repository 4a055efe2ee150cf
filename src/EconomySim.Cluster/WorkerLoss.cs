using Akka.Actor;
using Akka.Cluster;

namespace EconomySim.Cluster;

/// <summary>
/// Watches for a worker leaving the cluster while a sharded run lasts: the organisations it held leave with it, so the
/// run cannot go on, and waiting for their letters would wait for ever. Its token is cancelled when that happens.
/// </summary>
public sealed class WorkerLoss : IDisposable
{
    private readonly CancellationTokenSource _lost;
    private readonly IActorRef _watcher;

    public WorkerLoss(ActorSystem system, CancellationToken cancellation)
    {
        _lost = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _watcher = system.ActorOf(Props.Create(() => new Watcher(this)));
    }

    public CancellationToken Token => _lost.Token;

    /// <summary>The worker that left, if one did.</summary>
    public Address? Worker { get; private set; }

    private void Lost(Address worker)
    {
        if (Worker is not null) return;
        Worker = worker;
        _lost.Cancel();
    }

    public void Dispose()
    {
        _watcher.Tell(PoisonPill.Instance);
        _lost.Dispose();
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(WorkerLoss loss)
        {
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (removed.Member.HasRole(ClusterHosting.WorkerRole)) loss.Lost(removed.Member.Address);
            });
            Receive<ClusterEvent.CurrentClusterState>(_ => { });
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
