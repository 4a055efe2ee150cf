using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using EconomySim.Engine;

namespace EconomySim.Cluster;

/// <summary>
/// Hands an experiment's replications to the workers of a cluster as they ask for them (work pulling, so a worker that
/// joins late still gets work and a fast worker gets more), and takes each result once. A worker's node that the
/// cluster removes (the split-brain resolver downs a node that stopped answering) has its unfinished replications put
/// back in the queue for another worker; a result from an assignment given up on is ignored, so nothing is counted twice.
/// </summary>
public sealed class ExperimentCoordinator : ReceiveActor
{
    private readonly Queue<ReplicationAssigned> _queue;
    private readonly int _total;
    private readonly string _codeVersion;
    private readonly string _store;
    private readonly ChannelWriter<ReplicationDone> _results;
    private readonly Action<string> _warn;
    private readonly Dictionary<string, (ReplicationAssigned Assignment, IActorRef Worker)> _running = [];
    private readonly HashSet<string> _done = [];
    private readonly Dictionary<IActorRef, WorkerAccount> _workers = [];
    private readonly HashSet<Address> _warned = [];

    private sealed class WorkerAccount
    {
        public int Free;
        public long Sent;
    }

    /// <param name="store">The store every worker must write to (its display form: no password).</param>
    /// <param name="warn">Told about workers that cannot take this experiment's work, once per worker.</param>
    public ExperimentCoordinator(IReadOnlyList<ReplicationAssigned> plan, string codeVersion, string store, ChannelWriter<ReplicationDone> results, Action<string> warn)
    {
        _queue = new Queue<ReplicationAssigned>(plan);
        _total = plan.Count;
        _codeVersion = codeVersion;
        _store = store;
        _results = results;
        _warn = warn;

        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members) Nudge(member);
        });
        Receive<ClusterEvent.MemberUp>(up => Nudge(up.Member));
        Receive<WorkWanted>(Wanted);
        Receive<ReplicationDone>(Done);
        Receive<ReplicationFailed>(failed =>
        {
            if (!IsCurrent(failed.RunId, failed.Attempt)) return;
            _results.TryComplete(new RunFailedException(new RunFailed($"{failed.RunId}: {failed.Reason}", null, null, null)));
        });
        Receive<Terminated>(terminated => Lost(terminated.ActorRef));
    }

    public static Props Props(IReadOnlyList<ReplicationAssigned> plan, string codeVersion, string store, ChannelWriter<ReplicationDone> results, Action<string> warn) =>
        Akka.Actor.Props.Create(() => new ExperimentCoordinator(plan, codeVersion, store, results, warn));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberUp));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    /// <summary>A worker that was up before this experiment started has no reason to ask; tell it there is work.</summary>
    private void Nudge(Member member)
    {
        if (member.Status == MemberStatus.Up && member.HasRole(ClusterHosting.WorkerRole))
            Context.ActorSelection(new RootActorPath(member.Address) / "user" / ClusterHosting.WorkerName).Tell(WorkAvailable.Instance);
    }

    private void Wanted(WorkWanted wanted)
    {
        if (WorkerFit.Refusal(Sender.Path.Address, wanted.CodeVersion, wanted.Store, _codeVersion, _store) is { } refusal)
        {
            if (_warned.Add(Sender.Path.Address))
            {
                _warn(refusal);
                Sender.Tell(new WorkRefused(refusal));
            }
            return;
        }
        if (!_workers.TryGetValue(Sender, out var account))
        {
            account = new WorkerAccount();
            _workers[Sender] = account;
            Context.Watch(Sender);
        }
        // Assignments sent after the worker wrote its request will take slots it counted as free.
        account.Free = (int)Math.Max(0, wanted.Free - (account.Sent - wanted.Received));
        Dispatch();
    }

    private void Dispatch()
    {
        foreach (var (worker, account) in _workers)
        {
            while (account.Free > 0 && _queue.TryDequeue(out var next))
            {
                if (_done.Contains(next.RunId)) continue;
                account.Free--;
                account.Sent++;
                _running[next.RunId] = (next, worker);
                worker.Tell(next);
            }
        }
    }

    private bool IsCurrent(string runId, int attempt) =>
        _running.TryGetValue(runId, out var running) && running.Assignment.Attempt == attempt && running.Worker.Equals(Sender);

    private void Done(ReplicationDone done)
    {
        if (!IsCurrent(done.RunId, done.Attempt) || !_done.Add(done.RunId)) return;
        _running.Remove(done.RunId);
        _results.TryWrite(done);
        if (_done.Count == _total) _results.TryComplete();
    }

    /// <summary>A worker gone (its node removed from the cluster, or its process stopped): its replications run again elsewhere.</summary>
    private void Lost(IActorRef worker)
    {
        _workers.Remove(worker);
        foreach (var (runId, running) in _running.Where(r => r.Value.Worker.Equals(worker)).ToList())
        {
            _running.Remove(runId);
            _queue.Enqueue(running.Assignment with { Attempt = running.Assignment.Attempt + 1 });
        }
        Dispatch();
    }
}

