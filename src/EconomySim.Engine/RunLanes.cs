using Akka.Actor;

namespace EconomySim.Engine;

/// <summary>
/// Dispatchers of one thread each, for runs made several at once (an experiment's replications, a design's points).
/// A run on the default dispatcher spreads over every core, and its clock and organisations hand each phase across
/// threads; runs that already fill the cores between them gain nothing from that and pay for it in wake-ups, barrier
/// waits and caches shared across cores. A run in a lane keeps its clock and organisations on one thread, as the
/// sequential reference does, with the same messages, so its history is the same on any dispatcher. Asked for more
/// runs at once than there are lanes, runs share lanes, and the cores are no busier.
/// </summary>
/// <remarks>
/// A single run spread over the cores (<see cref="LaneRelay"/>) has lanes of its own, as many, whose threads take over
/// work queued on another lane when theirs has none (<see cref="SharedLanes"/>): its phases wait at a barrier for their
/// slowest lane, where runs made several at once wait for nothing but their own organisations.
/// </remarks>
public static class RunLanes
{
    private const string CountKey = "economysim.run-lanes";

    /// <summary>How many lanes the actor system was configured with; none for a system the engine did not configure.</summary>
    public static int Count(ActorSystem system) =>
        system.Settings.Config.HasPath(CountKey) ? system.Settings.Config.GetInt(CountKey) : 0;

    /// <summary>The dispatcher id of a lane, for <see cref="RunOptions.Dispatcher"/>.</summary>
    public static string Dispatcher(int lane) => $"economysim.run-lane-{lane}";

    /// <summary>The dispatcher id of a lane of a single run spread over the cores, whose threads share the lanes' work.</summary>
    public static string SharedDispatcher(int lane) => $"economysim.shared-run-lane-{lane}";

    /// <summary>The configuration of <paramref name="lanes"/> lanes, as the engine's hosting adds it.</summary>
    public static string Configuration(int lanes, int throughput = 30) =>
        $"economysim.run-lanes = {lanes}\n" + string.Concat(Enumerable.Range(0, lanes).Select(lane => $$"""
            {{Dispatcher(lane)}} {
              type = ForkJoinDispatcher
              throughput = {{throughput}}
              dedicated-thread-pool { thread-count = 1, threadtype = background }
            }
            {{SharedDispatcher(lane)}} {
              type = Dispatcher
              executor = "{{typeof(SharedLanes.Configurator).FullName}}, {{typeof(SharedLanes).Assembly.GetName().Name}}"
              throughput = {{throughput}}
              run-lane = {{lane}}
              run-lanes = {{lanes}}
            }

            """));
}
