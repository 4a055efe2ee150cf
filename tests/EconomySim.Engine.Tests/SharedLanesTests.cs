using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace EconomySim.Engine.Tests;

public class SharedLanesTests() : TestKit(RunLanes.Configuration(2))
{
    /// <summary>Says which thread it runs on, then holds that thread until its gate opens.</summary>
    private sealed class Holder(ManualResetEventSlim gate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Sender.Tell(Thread.CurrentThread.Name ?? "");
            gate.Wait();
        }
    }

    private sealed class ThreadTeller : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(Thread.CurrentThread.Name ?? "");
    }

    [Fact]
    public void Work_queued_on_a_lane_whose_thread_is_held_is_taken_over_by_the_other_lanes_thread()
    {
        using var gate = new ManualResetEventSlim();
        try
        {
            var holder = Sys.ActorOf(Props.Create(() => new Holder(gate)).WithDispatcher(RunLanes.SharedDispatcher(0)));
            holder.Tell("hold");
            var held = ExpectMsg<string>(TimeSpan.FromSeconds(10));
            Assert.StartsWith(RunLanes.SharedDispatcher(0)[..^1], held);
            // Whichever thread took the holder is now held: work on that thread's own lane can only be taken over.
            var heldLane = held[^1] - '0';
            var teller = Sys.ActorOf(Props.Create(() => new ThreadTeller()).WithDispatcher(RunLanes.SharedDispatcher(heldLane)));
            teller.Tell("which thread?");
            var taker = ExpectMsg<string>(TimeSpan.FromSeconds(10));
            Assert.Equal(RunLanes.SharedDispatcher(1 - heldLane), taker);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void Each_lane_serves_its_own_actors_when_its_thread_is_free()
    {
        // An idle thread takes nothing from a lane whose own thread is idle too: that thread takes its lane's work itself.
        // Were the other thread to race for it, it would win almost every time, having been idle longer; a thread
        // preempted between answering and saying it is idle may still lose one now and then.
        for (var lane = 0; lane < 2; lane++)
        {
            var teller = Sys.ActorOf(Props.Create(() => new ThreadTeller()).WithDispatcher(RunLanes.SharedDispatcher(lane)));
            var answers = Enumerable.Range(0, 40).Select(_ => teller.Ask<string>("which thread?", TimeSpan.FromSeconds(10)).Result).ToList();
            Assert.InRange(answers.Count(thread => thread == RunLanes.SharedDispatcher(lane)), 30, 40);
        }
    }
}
