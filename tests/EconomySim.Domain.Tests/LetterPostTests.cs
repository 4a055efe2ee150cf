using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

public class LetterPostTests
{
    private static Letter From(int sender, int phase) => new(phase, sender, [new Payment(new Money(sender), PaymentPurpose.Allocation)]);

    [Fact]
    public void A_recipient_reads_its_letters_in_canonical_order_whatever_order_they_were_posted_in()
    {
        var posted = new[] { From(9, 3), From(2, 4), From(5, 3), From(1, 1), From(7, 4) };
        var canonical = posted.OrderBy(l => l.SentPhase).ThenBy(l => l.Sender).ToArray();
        foreach (var order in new[] { posted, posted.Reverse().ToArray(), canonical })
        {
            var post = new LetterPost(2);
            foreach (var letter in order) post.Post(1, letter);
            var delivery = post.Deliver(1);
            Assert.Equal(order, delivery.Letters);
            delivery.Letters.PutInCanonicalOrder(delivery.TraceParents);
            Assert.Equal(canonical, delivery.Letters);
            Assert.Null(delivery.TraceParents);
        }
    }

    [Fact]
    public void A_delivery_takes_everything_held_for_its_recipient_and_nothing_for_another()
    {
        var post = new LetterPost(3);
        post.Post(0, From(1, 0));
        post.Post(2, From(1, 0));
        post.Post(2, From(0, 1));
        Assert.Equal(2, post.Held(2));
        Assert.Equal(2, post.Deliver(2).Letters.Count);
        Assert.Equal(0, post.Held(2));
        Assert.Empty(post.Deliver(2).Letters);
        Assert.Equal(1, post.Held(0));
        var later = From(0, 2);
        post.Post(2, later);
        Assert.Equal(later, Assert.Single(post.Deliver(2).Letters));
    }

    [Fact]
    public void A_delivery_stays_as_it_was_while_letters_are_posted_for_its_recipients_next_phase()
    {
        var post = new LetterPost(1);
        post.Post(0, From(1, 0));
        post.Post(0, From(2, 0));
        var first = post.Deliver(0).Letters;
        post.Post(0, From(3, 1));
        Assert.Equal([From(1, 0), From(2, 0)], first);
        var second = post.Deliver(0).Letters;
        Assert.Equal([From(3, 1)], second);
        // The first delivery's inbox takes the letters now: the second, still being read, does not change.
        post.Post(0, From(4, 2));
        post.Post(0, From(5, 2));
        Assert.Equal([From(3, 1)], second);
        Assert.Equal([From(4, 2), From(5, 2)], post.Deliver(0).Letters);
    }

    [Fact]
    public void A_delivery_is_let_go_once_its_recipient_has_read_it_and_the_next_is_whole()
    {
        var post = new LetterPost(1);
        post.Post(0, From(1, 0));
        var read = post.Deliver(0).Letters;
        post.Post(0, From(2, 1));
        post.Read(0);
        Assert.Empty(read);
        Assert.Equal(1, post.Held(0));
        Assert.Equal([From(2, 1)], post.Deliver(0).Letters);
    }

    [Fact]
    public void A_letters_trace_context_stays_with_it_through_the_sort_and_untraced_letters_carry_none()
    {
        var post = new LetterPost(1);
        post.Post(0, From(8, 2));
        post.Post(0, From(3, 2), "trace-of-3");
        post.Post(0, From(1, 2));
        post.Post(0, From(4, 1), "trace-of-4");
        var delivery = post.Deliver(0);
        delivery.Letters.PutInCanonicalOrder(delivery.TraceParents);
        Assert.Equal([4, 1, 3, 8], delivery.Letters.Select(l => l.Sender));
        Assert.Equal(["trace-of-4", "none", "trace-of-3", "none"], delivery.TraceParents!.Select(p => p ?? "none"));
        post.Post(0, From(5, 3));
        Assert.Null(post.Deliver(0).TraceParents);
    }
}
