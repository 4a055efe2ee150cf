using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

public class RunBookTests
{
    [Fact]
    public void Waking_a_phase_replaces_what_the_callers_list_held_with_the_organisations_that_act_in_index_order()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy);
        var woken = new List<(int Organisation, Delivery Mail)> { (-1, new Delivery([], null)) };
        foreach (var phase in economy.Calendar.Take(3))
        {
            book.Wake(phase, woken);
            var acting = economy.Profiles.Where(p => Calendar.Acts(phase.Kind, p.Kind, hasMail: false)).Select(p => p.Index);
            Assert.Equal(acting, woken.Select(w => w.Organisation));
            Assert.All(woken, w => Assert.Empty(w.Mail.Letters));
        }
    }

    [Fact]
    public void A_reported_letter_reaches_its_recipient_as_from_its_sender_in_the_phase_it_was_sent_with_its_money()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy);
        var sent = economy.Calendar[0];
        var sender = economy.Funder.Index;
        var recipient = economy.Commissioners[0].Index;
        var payment = new Payment(new Money(1_234), PaymentPurpose.Allocation);
        var woken = new List<(int Organisation, Delivery Mail)>();
        book.Wake(sent, woken);
        Assert.Equal([sender], woken.Select(w => w.Organisation));
        book.Completed(sent, new ActivationReport(sender, [new SentLetter(recipient, payment.Amount, [payment])], Money.Zero, new Money(-1_234),
            Money.Zero, Money.Zero, [], [], 0));
        book.EndPhase(sent);
        Assert.Equal(payment.Amount, book.MoneyInFlight);

        var phase = economy.Calendar.Skip(1).First(p => { book.Wake(p, woken); return woken.Any(w => w.Organisation == recipient); });
        Assert.True(phase.Index > sent.Index);
        Assert.Equal([new Letter(sent.Index, sender, [payment])], woken.Single(w => w.Organisation == recipient).Mail.Letters);
        Assert.Equal(Money.Zero, book.MoneyInFlight);
    }

    [Fact]
    public void Books_kept_in_lanes_deliver_and_book_what_books_kept_whole_do_with_letters_crossing_between_lanes()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var whole = new RunBook(economy);
        // Dealt by index, most letters go from one lane to the other.
        var split = new RunBook(economy, 2, [.. Enumerable.Range(0, economy.Count).Select(i => i % 2)]);
        var organisations = economy.Profiles.Select(p => Organisations.Organisation.Create(p, economy, 7)).ToArray();
        var context = new StepContext(economy);
        var woken = new List<(int Organisation, Delivery Mail)>();
        var wokenApart = new List<(int Organisation, Delivery Mail)>();
        var lettersAcross = 0L;
        foreach (var phase in economy.Calendar)
        {
            whole.Wake(phase, woken);
            wokenApart.Clear();
            var counted = split.Lanes.Sum(lane => lane.Wake(phase, wokenApart));

            Assert.Equal(woken.Count, counted);
            var apart = wokenApart.OrderBy(w => w.Organisation).ToList();
            Assert.Equal(woken.Select(w => w.Organisation), apart.Select(w => w.Organisation));
            for (var k = 0; k < woken.Count; k++)
            {
                Assert.Equal(woken[k].Mail.Letters.Order(), apart[k].Mail.Letters.Order());
                lettersAcross += woken[k].Mail.Letters.Count(l => l.Sender % 2 != woken[k].Organisation % 2);
            }
            Assert.Equal(whole.MoneyInFlight, split.MoneyInFlight);
            Assert.Equal(whole.LettersDelivered, split.LettersDelivered);

            ActAndClose(phase, woken, organisations, context, whole, split);
            Assert.Equal(whole.TotalCash, split.TotalCash);
        }
        Assert.True(lettersAcross > 0, "no letter crossed between lanes: the comparison proved nothing");
        Assert.Equal(whole.MessagesSent, split.MessagesSent);
        Assert.Equal(whole.Outcomes().Ticks, split.Outcomes().Ticks);
        for (var group = 0; group < whole.Groups.Count; group++)
            Assert.Equal(whole.Outcome(0, group, Metric.WaitingList), split.Outcome(0, group, Metric.WaitingList));
    }

    [Fact]
    public void A_phase_wakes_the_organisations_whose_kind_acts_in_it_and_those_that_act_on_letters_only_when_they_hold_some()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy);
        var organisations = economy.Profiles.Select(p => Organisations.Organisation.Create(p, economy, 11)).ToArray();
        var context = new StepContext(economy);
        var woken = new List<(int Organisation, Delivery Mail)>();
        // Letters held for each organisation, counted here from the reports booked.
        var held = new int[economy.Count];
        var phasesWithLettersDeciding = 0;
        foreach (var phase in economy.Calendar)
        {
            book.Wake(phase, woken);
            var expected = economy.Profiles.Where(p => Calendar.Acts(phase.Kind, p.Kind, hasMail: held[p.Index] > 0)).Select(p => p.Index).ToList();
            Assert.Equal(expected, woken.Select(w => w.Organisation));
            foreach (var (index, mail) in woken)
            {
                Assert.Equal(held[index], mail.Letters.Count);
                held[index] = 0;
            }
            if (economy.Profiles.Any(p => Calendar.Acts(phase.Kind, p.Kind, hasMail: true) && !expected.Contains(p.Index))) phasesWithLettersDeciding++;
            foreach (var (index, mail) in woken)
            {
                mail.Letters.PutInCanonicalOrder(mail.TraceParents);
                organisations[index].Activate(context, phase, mail.Letters);
                var report = SequentialRun.Report(organisations[index], context);
                foreach (var letter in report.Letters) held[letter.Recipient]++;
                book.Completed(phase, report);
            }
            book.EndPhase(phase);
        }
        Assert.True(phasesWithLettersDeciding > 0, "no phase left out an organisation of an acting kind for want of letters");
    }

    [Fact]
    public void A_lane_refuses_to_wake_a_phase_out_of_order_where_it_would_miss_the_letters_other_lanes_sent()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy, 2, [.. Enumerable.Range(0, economy.Count).Select(i => i % 2)]);
        var woken = new List<(int Organisation, Delivery Mail)>();
        book.Lanes[0].Wake(economy.Calendar[0], woken);
        var refused = Assert.Throws<InvalidOperationException>(() => book.Lanes[0].Wake(economy.Calendar[2], woken));
        Assert.Contains("phase 2 after phase 0", refused.Message);
    }

    [Fact]
    public void A_lane_refuses_the_report_of_another_lanes_organisation()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var book = new RunBook(economy, 2, [.. Enumerable.Range(0, economy.Count).Select(i => i % 2)]);
        var report = new ActivationReport(1, [], Money.Zero, Money.Zero, Money.Zero, Money.Zero, [], [], 0);
        var refused = Assert.Throws<ArgumentException>(() => book.Lanes[0].Completed(economy.Calendar[0], report));
        Assert.Contains("acts on lane 1, not lane 0", refused.Message);
    }

    /// <summary>Acts every woken organisation on its letters, books each report in every book given, and closes the phase in each.</summary>
    private static void ActAndClose(CalendarPhase phase, List<(int Organisation, Delivery Mail)> woken, Organisations.Organisation[] organisations,
        StepContext context, params RunBook[] books)
    {
        foreach (var (index, mail) in woken)
        {
            mail.Letters.PutInCanonicalOrder(mail.TraceParents);
            organisations[index].Activate(context, phase, mail.Letters);
            var report = SequentialRun.Report(organisations[index], context);
            foreach (var book in books) book.Completed(phase, report);
        }
        foreach (var book in books) book.EndPhase(phase);
    }
}
