using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// The clock's hand on one run lane, for a single run with no store spread over the cores. It is queued on its lane's
/// thread with the organisations dealt to its lane (and the first lane's with the clock): when a phase starts it wakes
/// those of its organisations that act, taking their letters from the run's post, starts them, hears their completions
/// on that thread, and passes them to the clock in batches. What crosses between cores is then a message a batch instead
/// of two an activation, each scheduled on the thread pool, an organisation's state stays in the cache of the core its
/// lane runs on, and the lanes wake their organisations at once where the clock woke them all while the other core
/// waited. A lane whose thread falls behind has its queued work taken over by another lane's idle thread
/// (<see cref="SharedLanes"/>). Arrival order never matters to the clock, so the history is the same.
/// </summary>
/// <param name="book">The run's books, whose post the relay takes its organisations' letters from; the clock books no
/// activation until every lane has said it is awake, so the lanes' wakes never meet its posting.</param>
/// <param name="members">The lane's organisations, in index order.</param>
/// <param name="organisations">Every organisation of the run, by index.</param>
internal sealed class LaneRelay(RunBook book, IReadOnlyList<CalendarPhase> calendar, int[] members, IReadOnlyList<IActorRef> organisations)
    : UntypedActor
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
    // By phase kind, the lane's organisations that may act in such a phase: a wake looks at no others.
    private readonly int[][] _mayAct = book.MayAct(members);
    // Refilled at each phase's start: one list all run.
    private readonly List<(int Organisation, Delivery Mail)> _woken = [];
    private int _phase = -1;
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

    private void StartNext()
    {
        var (organisation, mail) = _woken[_started];
        // A relayed run keeps no store, so no phase asks for its history to be written.
        organisations[organisation].Tell(new PhaseStarted(_phase, mail.Letters, TraceParents: mail.TraceParents), Self);
        // Held here until the phase ends, a start's letters would outlive their reading by the organisation.
        _woken[_started] = default;
        _started++;
    }

    public static Props Props(string dispatcher, RunBook book, IReadOnlyList<CalendarPhase> calendar, int[] members, IReadOnlyList<IActorRef> organisations) =>
        ActorConstructor<LaneRelay>.Props(() => new LaneRelay(book, calendar, members, organisations)).WithDispatcher(dispatcher);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LaneWake wake:
                var phase = calendar[wake.Phase];
                var taken = book.WakeAmong(phase, _mayAct[(int)phase.Kind], _woken);
                // Sent before any completion of the phase, and so heard first: the clock waits for it to book them.
                Context.Parent.Tell(new LaneAwake(wake.Phase, _woken.Count, taken));
                _phase = wake.Phase;
                _started = 0;
                _outstanding = _woken.Count;
                while (_started < Math.Min(InFlight, _woken.Count)) StartNext();
                break;
            case PhaseCompleted completed when completed.Phase == _phase && _outstanding > 0:
                _batch.Add(completed);
                if (_started < _woken.Count) StartNext();
                if (--_outstanding == 0 || _batch.Count == BatchSize)
                {
                    Context.Parent.Tell(new LaneCompleted(_phase, [.. _batch]));
                    _batch.Clear();
                }
                if (_outstanding == 0) _woken.Clear();
                break;
            default:
                Context.Parent.Forward(message);
                break;
        }
    }
}
