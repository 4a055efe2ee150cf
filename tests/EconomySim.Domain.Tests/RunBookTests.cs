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
        book.Completed(sent, new ActivationReport(sender, [new SentLetter(recipient, payment.Amount, [payment])], Money.Zero, new Money(-1_234),
            Money.Zero, Money.Zero, [], [], 0));
        book.EndPhase(sent);
        Assert.Equal(payment.Amount, book.MoneyInFlight);

        var woken = new List<(int Organisation, Delivery Mail)>();
        var phase = economy.Calendar.Skip(1).First(p => { book.Wake(p, woken); return woken.Any(w => w.Organisation == recipient); });
        Assert.True(phase.Index > sent.Index);
        Assert.Equal([new Letter(sent.Index, sender, [payment])], woken.Single(w => w.Organisation == recipient).Mail.Letters);
        Assert.Equal(Money.Zero, book.MoneyInFlight);
    }

    [Fact]
    public void Waking_disjoint_sets_of_organisations_apart_delivers_and_books_what_waking_them_all_at_once_does()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var whole = new RunBook(economy);
        var split = new RunBook(economy);
        var organisations = economy.Profiles.Select(p => Organisations.Organisation.Create(p, economy, 7)).ToArray();
        var context = new StepContext(economy);
        int[] evens = [.. Enumerable.Range(0, economy.Count).Where(i => i % 2 == 0)];
        int[] odds = [.. Enumerable.Range(0, economy.Count).Where(i => i % 2 == 1)];
        var woken = new List<(int Organisation, Delivery Mail)>();
        var wokenEven = new List<(int Organisation, Delivery Mail)>();
        var wokenOdd = new List<(int Organisation, Delivery Mail)>();
        var lettersRead = 0L;
        foreach (var phase in economy.Calendar)
        {
            var counted = split.CountWoken(phase);
            whole.Wake(phase, woken);
            split.Woke(split.WakeAmong(phase, evens, wokenEven));
            split.Woke(split.WakeAmong(phase, odds, wokenOdd));

            Assert.Equal(woken.Count, counted);
            var apart = wokenEven.Concat(wokenOdd).OrderBy(w => w.Organisation).ToList();
            Assert.Equal(woken.Select(w => w.Organisation), apart.Select(w => w.Organisation));
            for (var k = 0; k < woken.Count; k++) Assert.Equal(woken[k].Mail.Letters, apart[k].Mail.Letters);
            Assert.Equal(whole.MoneyInFlight, split.MoneyInFlight);
            Assert.Equal(whole.LettersDelivered, split.LettersDelivered);
            lettersRead += woken.Sum(w => w.Mail.Letters.Count);

            ActAndClose(phase, woken, organisations, context, whole, split);
        }
        Assert.True(lettersRead > 0, "the run delivered no letters: the comparison proved nothing");
        Assert.Equal(whole.Outcomes().Ticks, split.Outcomes().Ticks);
    }

    [Fact]
    public void Waking_only_the_organisations_that_may_act_in_a_phases_kind_wakes_what_looking_at_every_organisation_does()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        var looked = new RunBook(economy);
        var narrowed = new RunBook(economy);
        var organisations = economy.Profiles.Select(p => Organisations.Organisation.Create(p, economy, 11)).ToArray();
        var context = new StepContext(economy);
        int[] every = [.. Enumerable.Range(0, economy.Count)];
        var mayAct = narrowed.MayAct(every);
        var lookedWoken = new List<(int Organisation, Delivery Mail)>();
        var narrowedWoken = new List<(int Organisation, Delivery Mail)>();
        var phasesWithLettersDeciding = 0;
        foreach (var phase in economy.Calendar)
        {
            var candidates = mayAct[(int)phase.Kind];
            Assert.True(candidates.Length < economy.Count || phase.Kind is PhaseKind.FinalSettlement, $"{phase}: no organisation was left out");
            looked.Woke(looked.WakeAmong(phase, every, lookedWoken));
            var counted = narrowed.CountWoken(phase);
            narrowed.Woke(narrowed.WakeAmong(phase, candidates, narrowedWoken));

            Assert.Equal(lookedWoken.Select(w => w.Organisation), narrowedWoken.Select(w => w.Organisation));
            Assert.Equal(lookedWoken.Count, counted);
            if (lookedWoken.Count < candidates.Length) phasesWithLettersDeciding++;
            ActAndClose(phase, lookedWoken, organisations, context, looked, narrowed);
        }
        Assert.True(phasesWithLettersDeciding > 0, "no phase left out an organisation of an acting kind for want of letters");
        Assert.Equal(looked.MoneyInFlight, narrowed.MoneyInFlight);
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
