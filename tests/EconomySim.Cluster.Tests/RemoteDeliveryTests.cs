using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace EconomySim.Cluster.Tests;

/// <summary>Messages sent between two nodes of a cluster, over the network, arrive as they were sent.</summary>
public sealed class RemoteDeliveryTests(TwoNodes nodes) : TestKit, IClassFixture<TwoNodes>
{
    [Fact]
    public void Every_message_crosses_from_one_node_to_another_unchanged_with_its_actor_references_resolved()
    {
        var inbox = CreateTestProbe(nodes.Receiver.System, "inbox");
        var receiver = ((ExtendedActorSystem)nodes.Receiver.System).Provider.DefaultAddress;
        var toInbox = nodes.Sender.System.ActorSelection(inbox.Ref.Path.ToStringWithAddress(receiver));
        foreach (var message in ProtocolSamples.WithSingletons(nodes.Sender.Clock))
        {
            toInbox.Tell(message);
            var back = inbox.ExpectMsg<object>(TimeSpan.FromSeconds(30));
            Assert.True(Structural.Difference(message, back) is null, $"{message.GetType().Name} arrived changed: {Structural.Difference(message, back)}");
            if (ProtocolSamples.Singleton(message.GetType()) is { } instance) Assert.Same(instance, back);
        }
    }
}
