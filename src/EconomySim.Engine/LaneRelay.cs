using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// The clock's hand on one run lane, for a single run with no store spread over the cores. It is queued on its lane's
/// thread with the organisations dealt to its lane (and the first lane's with the clock): when a phase starts it wakes
/// those of its organisations that act, taking their letters from the run's post, and starts the first of them; the
/// organisations then start one another and pass their completions to the clock in batches through the lane's
/// <see cref="LaneTurn"/>. What crosses between cores is then a message a batch instead of two an activation, each
/// scheduled on the thread pool, an organisation's state stays in the cache of the core its lane runs on, and the lanes
/// wake their organisations at once where the clock woke them all while the other core waited. A lane whose thread
/// falls behind has its queued work taken over by another lane's idle thread (<see cref="SharedLanes"/>). Arrival order
/// never matters to the clock, so the history is the same.
/// </summary>
/// <param name="turn">The lane's share of each phase, which its organisations complete into; the clock books no
/// activation until every lane has said it is awake, so the lanes' wakes never meet its posting.</param>
/// <param name="organisations">Every organisation of the run, by index.</param>
internal sealed class LaneRelay(LaneTurn turn, IReadOnlyList<CalendarPhase> calendar, IReadOnlyList<IActorRef> organisations) : UntypedActor
{
    /// <summary>
    /// How many lanes a run is relayed over: every lane of the actor system for a single run with no store, spread over
    /// the cores; none (the clock talks to each organisation itself) for a stored run, whose organisations answer in
    /// their own time as their history is written, a run placed over a cluster, a run given a dispatcher of its own (it
    /// already keeps to one thread), or an actor system with fewer than two lanes.
    /// </summary>
    internal static int LanesFor(ActorSystem system, RunIdentity run, RunOptions options) =>
        !run.Persist && options.Placement is null && options.Dispatcher is null && RunLanes.Count(system) is var lanes && lanes > 1 ? lanes : 0;

    public static Props Props(string dispatcher, LaneTurn turn, IReadOnlyList<CalendarPhase> calendar, IReadOnlyList<IActorRef> organisations) =>
        ActorConstructor<LaneRelay>.Props(() => new LaneRelay(turn, calendar, organisations)).WithDispatcher(dispatcher);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case LaneWake wake:
                var (woken, taken) = turn.Open(calendar[wake.Phase], organisations);
                // Sent before any organisation of the phase starts, and so heard before any completion: the clock waits
                // for it to book them.
                Context.Parent.Tell(new LaneAwake(wake.Phase, woken, taken));
                turn.StartFirst();
                break;
            default:
                Context.Parent.Forward(message);
                break;
        }
    }
}
