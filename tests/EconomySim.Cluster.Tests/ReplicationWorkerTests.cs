using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace EconomySim.Cluster.Tests;

/// <summary>A worker's side of work pulling, with test probes in the coordinators' place.</summary>
public sealed class ReplicationWorkerTests(ProductionNode node) : TestKit, IClassFixture<ProductionNode>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_worker_that_served_one_coordinator_tells_the_next_only_of_the_assignments_it_had_from_that_one()
    {
        var worker = node.System.ActorOf(ReplicationWorker.Props(parallel: 2, persist: false, store: "none", news: _ => { }), "worker-of-two-coordinators");
        var earlier = CreateTestProbe(node.System);
        var later = CreateTestProbe(node.System);

        // An assignment whose scenario cannot be rebuilt ends at once, failed, and leaves the worker free again.
        worker.Tell(new ReplicationAssigned("first", "base", 0, 1, "first-base-r1-1", 1, "first.yaml", "not a packed scenario", 1), earlier.Ref);
        earlier.ExpectMsg<ReplicationFailed>(Bound);
        Assert.Equal(1, earlier.ExpectMsg<WorkWanted>(Bound).Received);

        // A later coordinator (the next experiment, or a calibration's next wave) has sent nothing yet: counting the
        // earlier one's assignment against it would make it send one more than the worker has room for.
        worker.Tell(WorkAvailable.Instance, later.Ref);
        var wanted = later.ExpectMsg<WorkWanted>(Bound);
        Assert.Equal(0, wanted.Received);
        Assert.Equal(2, wanted.Free);
    }
}
