using Akka.Actor;

namespace EconomySim.Engine;

/// <summary>
/// The clock's hand on one run lane, for a single run with no store spread over the cores. It shares a thread with the
/// organisations dealt to its lane (and the first lane's with the clock): it starts a phase for each of them, hears their
/// completions on that thread, and passes them to the clock in batches. What crosses between cores is then a message a
/// batch instead of two an activation, each scheduled on the thread pool, and an organisation's state stays in the
/// cache of the core its lane runs on. Arrival order never matters to the clock, so the history is the same.
/// </summary>
internal sealed class LaneRelay : UntypedActor
{
    /// <summary>
    /// Completions passed on at once: enough to make a hand-over between cores rare, few enough that the clock books
    /// a lane's first activations while the lanes are still acting.
    /// </summary>
    internal const int BatchSize = 32;

    private readonly List<PhaseCompleted> _batch = new(BatchSize);
    private int _phase = -1;
    private int _outstanding;

    /// <summary>
    /// How many lanes a run is relayed over: every lane of the actor system for a single run with no store, spread over
    /// the cores; none (the clock talks to each organisation itself) for a stored run, whose organisations answer in
    /// their own time as their history is written, a run placed over a cluster, a run given a dispatcher of its own (it
    /// already keeps to one thread), or an actor system with fewer than two lanes.
    /// </summary>
    internal static int LanesFor(ActorSystem system, RunIdentity run, RunOptions options) =>
        !run.Persist && options.Placement is null && options.Dispatcher is null && RunLanes.Count(system) is var lanes && lanes > 1 ? lanes : 0;

    public static Props Props(string dispatcher) => ActorConstructor<LaneRelay>.Props(() => new LaneRelay()).WithDispatcher(dispatcher);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LaneWoken woken:
                _phase = woken.Phase;
                _outstanding = woken.Organisations.Length;
                for (var i = 0; i < woken.Organisations.Length; i++) woken.Organisations[i].Tell(woken.Starts[i], Self);
                break;
            case PhaseCompleted completed when completed.Phase == _phase:
                _batch.Add(completed);
                if (--_outstanding == 0 || _batch.Count == BatchSize)
                {
                    Context.Parent.Tell(new LaneCompleted(_phase, [.. _batch]));
                    _batch.Clear();
                }
                break;
            default:
                Context.Parent.Forward(message);
                break;
        }
    }
}
