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

    /// <summary>
    /// Organisations started and not yet completed, at most: the lane's thread serves its actors in turn, so a relay that
    /// started a whole phase at once would leave the clock on the first lane unable to book any batch until that lane's
    /// every organisation had acted, and the other lane idle meanwhile (scale 100 took a third longer that way).
    /// </summary>
    internal const int InFlight = 32;

    private readonly List<PhaseCompleted> _batch = new(BatchSize);
    private LaneWoken? _woken;
    private int _started;
    private int _outstanding;

    /// <summary>
    /// How many lanes a run is relayed over: every lane of the actor system for a single run with no store, spread over
    /// the cores; none (the clock talks to each organisation itself) for a stored run, whose organisations answer in
    /// their own time as their history is written, a run placed over a cluster, a run given a dispatcher of its own (it
    /// already keeps to one thread), or an actor system with fewer than two lanes.
    /// </summary>
    internal static int LanesFor(ActorSystem system, RunIdentity run, RunOptions options) =>
        !run.Persist && options.Placement is null && options.Dispatcher is null && RunLanes.Count(system) is var lanes && lanes > 1 ? lanes : 0;

    private void StartNext(LaneWoken woken)
    {
        woken.Organisations[_started].Tell(woken.Starts[_started]!, Self);
        // Held here until the phase ends, a start's letters would outlive their reading by the organisation.
        woken.Starts[_started] = null;
        _started++;
    }

    public static Props Props(string dispatcher) => ActorConstructor<LaneRelay>.Props(() => new LaneRelay()).WithDispatcher(dispatcher);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LaneWoken woken:
                _woken = woken;
                _started = 0;
                _outstanding = woken.Organisations.Length;
                while (_started < Math.Min(InFlight, woken.Organisations.Length)) StartNext(woken);
                break;
            case PhaseCompleted completed when _woken is { } woken && completed.Phase == woken.Phase:
                _batch.Add(completed);
                if (_started < woken.Organisations.Length) StartNext(woken);
                if (--_outstanding == 0 || _batch.Count == BatchSize)
                {
                    Context.Parent.Tell(new LaneCompleted(woken.Phase, [.. _batch]));
                    _batch.Clear();
                }
                if (_outstanding == 0) _woken = null;
                break;
            default:
                Context.Parent.Forward(message);
                break;
        }
    }
}
