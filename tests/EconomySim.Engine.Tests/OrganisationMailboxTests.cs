using Akka.Actor;
using Akka.Dispatch.MessageQueues;
using Akka.TestKit.Xunit2;

namespace EconomySim.Engine.Tests;

public class OrganisationMailboxTests : TestKit
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    [Fact]
    public void The_queue_hands_messages_back_in_the_order_they_came()
    {
        var queue = new OrganisationMessageQueue();
        for (var i = 0; i < 5; i++) queue.Enqueue(ActorRefs.Nobody, Message(i));
        Assert.Equal(5, queue.Count);
        var taken = new List<object>();
        while (queue.TryDequeue(out var envelope)) taken.Add(envelope.Message);
        Assert.Equal([0, 1, 2, 3, 4], taken);
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void The_queue_keeps_order_when_messages_come_while_others_are_taken()
    {
        var queue = new OrganisationMessageQueue();
        var taken = new List<object>();
        queue.Enqueue(ActorRefs.Nobody, Message(0));
        queue.Enqueue(ActorRefs.Nobody, Message(1));
        Assert.True(queue.TryDequeue(out var first));
        taken.Add(first.Message);
        queue.Enqueue(ActorRefs.Nobody, Message(2));
        while (queue.TryDequeue(out var envelope)) taken.Add(envelope.Message);
        Assert.Equal([0, 1, 2], taken);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public async Task Messages_from_many_threads_all_arrive_each_senders_in_order()
    {
        var queue = new OrganisationMessageQueue();
        const int senders = 4, each = 10_000;
        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < each; i++) queue.Enqueue(ActorRefs.Nobody, Message(s * each + i));
        })).ToArray();
        var allSent = Task.WhenAll(sending);
        var last = Enumerable.Repeat(-1, senders).ToArray();
        var received = 0;
        // Taking while they send, then what is left once all have sent: a lost message fails the count, never hangs.
        while (!allSent.IsCompleted || queue.HasMessages)
        {
            if (!queue.TryDequeue(out var envelope)) continue;
            var n = (int)envelope.Message;
            Assert.Equal(last[n / each] + 1, n % each);
            last[n / each] = n % each;
            received++;
        }
        await allSent;
        Assert.Equal(senders * each, received);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void What_is_left_when_the_organisation_stops_goes_to_dead_letters()
    {
        var queue = new OrganisationMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, Message(7));
        queue.Enqueue(ActorRefs.Nobody, Message(8));
        var dead = new UnboundedMessageQueue();
        queue.CleanUp(ActorRefs.Nobody, dead);
        Assert.Equal(2, dead.Count);
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void An_actor_system_built_without_the_engine_hosting_learns_the_mailbox_on_first_use()
    {
        Assert.False(Sys.Settings.Config.HasPath(OrganisationMailbox.Id));
        var props = OrganisationMailbox.On(Sys, Props.Create(() => new Echo()));
        var echo = Sys.ActorOf(props);
        echo.Tell("hello");
        ExpectMsg("hello");
        Assert.Equal(OrganisationMailbox.Id, props.Mailbox);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
