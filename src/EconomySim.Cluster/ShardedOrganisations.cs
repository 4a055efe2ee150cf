using Akka.Actor;
using Akka.Cluster.Sharding;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cluster;

/// <summary>
/// A run too big for one node: its organisations are entities of Akka.Cluster.Sharding on the workers, one entity per
/// (run, organisation), while the clock stays with the command that started the run. Letters between organisations
/// travel in the clock's messages (each organisation's completion carries what it sent, each phase's start what it
/// reads), and each organisation reads them in canonical order, so the history is the one a single process computes.
/// </summary>
public static class OrganisationSharding
{
    public const string TypeName = "organisation";
    private const int MaxShards = 100;

    public static string EntityId(string runId, int index) => $"{runId}#{index}";

    /// <summary>Every message to an organisation travels in a ShardingEnvelope, which sharding itself opens.</summary>
    private sealed class Extractor() : HashCodeMessageExtractor(MaxShards)
    {
        public override string? EntityId(object message) => null;
    }

    /// <summary>On a worker: the region that hosts organisations.</summary>
    /// <param name="news">Told when this node takes on and lets go of a run's organisations.</param>
    public static IActorRef StartRegion(ActorSystem system, string store, Action<WorkerNews> news) =>
        ClusterSharding.Get(system).Start(TypeName, Props.Create(() => new OrganisationHost(store, news)),
            ClusterShardingSettings.Create(system).WithRole(ClusterHosting.WorkerRole), new Extractor());

    /// <summary>On the node running the clock: a proxy that reaches the organisations on the workers.</summary>
    public static IActorRef StartProxy(ActorSystem system) =>
        ClusterSharding.Get(system).StartProxy(TypeName, ClusterHosting.WorkerRole, new Extractor());

    /// <summary>An actor reference to one organisation entity, so that the engine addresses it like any organisation.</summary>
    internal static IActorRef Reference(ActorSystem system, IActorRef region, string entityId) =>
        new EntityReference(region, entityId, ((ExtendedActorSystem)system).Provider);

    private sealed class EntityReference(IActorRef region, string entityId, IActorRefProvider provider) : MinimalActorRef
    {
        public override ActorPath Path { get; } = region.Path / Uri.EscapeDataString(entityId);

        public override IActorRefProvider Provider => provider;

        protected override void TellInternal(object message, IActorRef sender) => region.Tell(new ShardingEnvelope(entityId, message), sender);
    }
}

/// <summary>Where a run's organisations are when the run is sharded: the clock reaches them through the proxy.</summary>
public sealed class ShardedPlacement(ActorSystem system, IActorRef proxy, string runId, long seed, string scenarioFile, string scenarioSources,
    int years, int scale, bool persist, bool newHistory, string store) : IOrganisationPlacement
{
    public IActorRef Organisation(int index) => OrganisationSharding.Reference(system, proxy, OrganisationSharding.EntityId(runId, index));

    public object Placed(int index, IActorRef clock) => new OrganisationPlaced(runId, seed, index, scenarioFile, scenarioSources, years, scale, persist, newHistory, store, clock);

    public object Released => OrganisationReleased.Instance;
}

/// <summary>
/// The sharded entity: it builds its organisation from the placement and hosts the ordinary OrganisationActor as its
/// child, passing every message on unchanged (so the clock sees the same organisation as in one process).
/// </summary>
internal sealed class OrganisationHost(string store, Action<WorkerNews> news) : UntypedActor, IWithStash
{
    private IActorRef? _organisation;
    private IActorRef _clock = ActorRefs.Nobody;
    private string _code = "";
    private NodeRuns.Entry? _run;

    public IStash Stash { get; set; } = null!;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, cause =>
        {
            _clock.Tell(new OrganisationStopped(_code, cause is MoneyNotConservedException ? cause.Message : $"{_code} failed: {cause.Message}", cause));
            return Directive.Stop;
        });

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case OrganisationPlaced placed when _organisation is null:
                Place(placed);
                break;
            case OrganisationPlaced:
                break;
            case OrganisationReleased:
                Context.Stop(Self);
                break;
            case OrganisationStopped stopped:
                _clock.Tell(stopped);
                break;
            case PhaseStarted or HistoryDigestRequested when _organisation is null:
                // The clock always places an organisation before waking it: an entity woken unplaced was started again
                // on another node after its first node left, and the organisation's state went with that node.
                Sender.Tell(new OrganisationStopped(Self.Path.Name, $"organisation {Uri.UnescapeDataString(Self.Path.Name)} lost its state: the node it ran on left the cluster during the run",
                    new InvalidOperationException("organisation lost")));
                break;
            default:
                if (_organisation is null) Stash.Stash();
                else _organisation.Forward(message);
                break;
        }
    }

    private void Place(OrganisationPlaced placed)
    {
        _clock = placed.Clock;
        // The run checked every worker before placing; a worker with another store that joined since is refused here,
        // as a failure of the run's set-up, not of its store (which is working).
        if (WorkerFit.Refusal(Akka.Cluster.Cluster.Get(Context.System).SelfAddress, CodeVersion.Current, store, CodeVersion.Current, placed.Store) is { } refusal)
        {
            news(new WorkerNews(refusal));
            _clock.Tell(new OrganisationStopped($"#{placed.Index}", refusal, new InvalidOperationException("store differs"), StoreFault: false));
            Context.Stop(Self);
            return;
        }
        _run = NodeRuns.Acquire(placed, news);
        var economy = _run.Economy;
        _code = economy[placed.Index].Code;
        var organisation = Domain.Organisations.Organisation.Create(economy[placed.Index], economy, placed.Seed);
        var run = new RunIdentity(placed.RunId, placed.Persist, placed.NewHistory);
        _organisation = Context.ActorOf(OrganisationMailbox.ForOrganisation(Context.System, OrganisationActor.Props(organisation, economy, run), run), "organisation");
        Stash.UnstashAll();
    }

    protected override void PostStop()
    {
        if (_run is not null) NodeRuns.Release(_run, news);
        base.PostStop();
    }
}

/// <summary>
/// The runs a node hosts organisations of: the economy is built once per run and node, not once per organisation.
/// </summary>
internal static class NodeRuns
{
    internal sealed class Entry(string key, string runId, EconomyIndex economy)
    {
        public string Key { get; } = key;
        public string RunId { get; } = runId;
        public EconomyIndex Economy { get; } = economy;
        public int Users;
        public int Held;
    }

    private static readonly Dictionary<string, Entry> Runs = [];
    private static readonly Lock Gate = new();

    public static Entry Acquire(OrganisationPlaced placed, Action<WorkerNews> news)
    {
        var key = $"{placed.RunId}|{placed.Years}|{placed.Scale}|{placed.Seed}";
        lock (Gate)
        {
            if (!Runs.TryGetValue(key, out var entry))
            {
                var scenario = StoredScenario.Unpack(placed.ScenarioSources, placed.ScenarioFile);
                var economy = new EconomyIndex(EconomyGenerator.Build(scenario, placed.Years, placed.Scale));
                entry = new Entry(key, placed.RunId, economy);
                Runs[key] = entry;
                news(new WorkerNews($"holding organisations of {placed.RunId}"));
            }
            entry.Users++;
            entry.Held++;
            return entry;
        }
    }

    public static void Release(Entry entry, Action<WorkerNews> news)
    {
        lock (Gate)
        {
            if (--entry.Users > 0) return;
            Runs.Remove(entry.Key);
            news(new WorkerNews($"released {entry.Held} organisations of {entry.RunId}"));
        }
    }
}
