using Akka.Actor;
using Akka.Cluster;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cluster;

/// <summary>What a worker says about its work, for its operator's log.</summary>
public sealed record WorkerNews(string Text);

/// <summary>
/// A worker node's shell: asks the experiments' coordinators for replications, runs each as an ordinary run on this
/// node's actor system (the whole run local to the node, so letters never cross the network), and sends back the
/// figures. A replication that a dead worker left half-written is carried on by the same code path as `resume`: the
/// organisations recompute the stored phases, check them against the journal, and write nothing twice.
/// </summary>
public sealed class ReplicationWorker : ReceiveActor
{
    private readonly int _parallel;
    private readonly bool _persist;
    private readonly string _store;
    private readonly Action<WorkerNews> _news;
    private readonly Dictionary<(string Sources, int Years, int Scale), EconomyDefinition> _economies = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _busy;
    // Assignments received from each coordinator alive: a coordinator counts what it sent from its own start, so a
    // worker that served an earlier experiment (or calibration wave) must not count those against the new one.
    private readonly Dictionary<IActorRef, long> _received = [];
    // Several runs at once each keep to a run lane of their own (see RunLanes), held by run id until the run ends.
    private readonly Queue<int> _freeLanes = new();
    private readonly Dictionary<string, int> _lanes = [];

    /// <param name="store">This node's store, in its display form (the coordinator checks it is the experiment's).</param>
    public ReplicationWorker(int parallel, bool persist, string store, Action<WorkerNews> news)
    {
        _parallel = parallel;
        _persist = persist;
        _store = store;
        _news = news;

        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members) Ask(member);
        });
        Receive<ClusterEvent.MemberUp>(up => Ask(up.Member));
        Receive<WorkAvailable>(_ => Sender.Tell(Wanted(Sender)));
        Receive<WorkerCheckRequested>(_ => Sender.Tell(new WorkerChecked(CodeVersion.Current, _store)));
        Receive<WorkRefused>(refused => _news(new WorkerNews(refused.Reason)));
        Receive<ReplicationAssigned>(Start);
        Receive<RunEnded>(Ended);
        Receive<Terminated>(gone => _received.Remove(gone.ActorRef));
    }

    public static Props Props(int parallel, bool persist, string store, Action<WorkerNews> news) =>
        Akka.Actor.Props.Create(() => new ReplicationWorker(parallel, persist, store, news));

    protected override void PreStart()
    {
        if (_parallel > 1)
            for (var lane = 0; lane < RunLanes.Count(Context.System); lane++) _freeLanes.Enqueue(lane);
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberUp));
    }

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private WorkWanted Wanted(IActorRef coordinator) =>
        new(CodeVersion.Current, _store, Math.Max(0, _parallel - _busy), _received.GetValueOrDefault(coordinator));

    private void Ask(Member member)
    {
        if (member.Status == MemberStatus.Up && member.HasRole(ClusterHosting.CoordinatorRole))
            Context.ActorSelection(new RootActorPath(member.Address) / "user" / ClusterHosting.CoordinatorName).Tell(Wanted(ActorRefs.Nobody));
    }

    private void Start(ReplicationAssigned assignment)
    {
        var coordinator = Sender;
        if (!_received.TryGetValue(coordinator, out var received)) Context.Watch(coordinator);
        _received[coordinator] = received + 1;
        _busy++;
        EconomyDefinition economy;
        try
        {
            economy = Economy(assignment);
        }
        catch (Exception e) when (e is ScenarioException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            Self.Tell(new RunEnded(assignment, coordinator, null, $"its scenario could not be rebuilt on {Context.System.Name}: {e.Message}"));
            return;
        }
        _news(new WorkerNews($"started {assignment.RunId} (attempt {assignment.Attempt})"));
        var system = Context.System;
        var token = _stopping.Token;
        string? dispatcher = null;
        if (_freeLanes.TryDequeue(out var lane))
        {
            _lanes[assignment.RunId] = lane;
            dispatcher = RunLanes.Dispatcher(lane);
        }
        Task.Run(async () =>
        {
            try
            {
                // A first attempt has nothing stored yet; a later one carries on what the lost worker stored.
                var options = RunOptions.None with { NewHistory = assignment.Attempt == 1, Dispatcher = dispatcher };
                var result = await SimulationEngine.RunAsync(system, economy, assignment.Seed, assignment.RunId, options, token, _persist);
                return new RunEnded(assignment, coordinator, result, null);
            }
            catch (RunFailedException e)
            {
                return new RunEnded(assignment, coordinator, null, e.Message);
            }
        }, CancellationToken.None).PipeTo(Self, failure: e => new RunEnded(assignment, coordinator, null, $"internal error: {e.GetBaseException().Message}"));
    }

    /// <summary>
    /// Replications of one arm (a variant, at a design point) share their economy; building it again for each would cost
    /// as much as a short run. Arms come in the plan's order, so only the last few are kept: a design of thousands of
    /// points must not hold thousands of economies.
    /// </summary>
    private EconomyDefinition Economy(ReplicationAssigned assignment)
    {
        var key = (assignment.ScenarioSources, assignment.Years, assignment.Scale);
        if (!_economies.TryGetValue(key, out var economy))
        {
            if (_economies.Count >= Math.Max(4, 2 * _parallel)) _economies.Clear();
            economy = EconomyGenerator.Build(StoredScenario.Unpack(assignment.ScenarioSources, assignment.ScenarioFile), assignment.Years, assignment.Scale);
            _economies[key] = economy;
        }
        return economy;
    }

    private void Ended(RunEnded ended)
    {
        _busy--;
        var a = ended.Assignment;
        if (_lanes.Remove(a.RunId, out var lane)) _freeLanes.Enqueue(lane);
        if (ended.Result is { } r)
        {
            _news(new WorkerNews($"finished {a.RunId} digest {r.Digest}"));
            ended.Coordinator.Tell(new ReplicationDone(a.RunId, a.Attempt, r.Scenario, r.Digest, r.Organisations, r.Messages, r.Events, r.WallSeconds,
                r.Phases, r.PhasesConserved, r.Outcomes.Years[0].Year, r.Years, r.Outcomes.Ticks));
        }
        else
        {
            _news(new WorkerNews($"failed {a.RunId}: {ended.Failure}"));
            ended.Coordinator.Tell(new ReplicationFailed(a.RunId, a.Attempt, ended.Failure ?? "unknown"));
        }
        ended.Coordinator.Tell(Wanted(ended.Coordinator));
    }
}
