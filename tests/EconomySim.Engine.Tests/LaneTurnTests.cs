using Akka.Actor;
using Akka.TestKit.Xunit2;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Testing;

namespace EconomySim.Engine.Tests;

/// <summary>A lane's share of a phase, with the test as the clock and as every organisation of the lane.</summary>
public class LaneTurnTests : TestKit
{
    private static readonly EconomyIndex England = new(EconomySim.Scenarios.EconomyGenerator.Build(
        EconomySim.Scenarios.ScenarioLoader.Load(RepositoryRoot.File("configs/england.yaml")), years: 1));

    /// <summary>Stands for one organisation: tells the test which organisation a start reached.</summary>
    private sealed class StandIn(int index, IActorRef test) : UntypedActor
    {
        protected override void OnReceive(object message) => test.Tell((index, (PhaseStarted)message));
    }

    private static ActivationReport Report(int organisation) =>
        new(organisation, [], Money.Zero, Money.Zero, Money.Zero, Money.Zero, [], [], 0);

    [Fact]
    public void A_lanes_organisations_start_one_another_as_they_complete_and_the_lane_tells_the_clock_once_when_it_has_booked_them_all()
    {
        var clock = CreateTestProbe();
        var lane = LaneDeal.Of(England, 2);
        var book = new RunBook(England, 2, lane);
        var members = book.Lanes[0].Members;
        var organisations = Enumerable.Range(0, England.Count).Select(i => Sys.ActorOf(Props.Create(() => new StandIn(i, TestActor)))).ToList();
        var turn = new LaneTurn(clock, book.Lanes[0]);
        // Every GP federation and council acts in primary and social care, letters or none: far more than are started at once.
        var phase = England.Calendar.First(p => p.Kind == PhaseKind.PrimaryAndSocialCare);
        var acting = members.Where(i => Calendar.Acts(phase.Kind, England[i].Kind, hasMail: false)).ToHashSet();
        Assert.True(acting.Count > 2 * LaneTurn.InFlight + 1, $"the lane has only {acting.Count} organisations acting");
        // A lane wakes every phase in order; nothing is sent in those before, so they leave the lane's post empty.
        var scratch = new List<(int Organisation, Delivery Mail)>();
        foreach (var before in England.Calendar.Take(phase.Index)) book.Lanes[0].Wake(before, scratch);

        var woken = turn.Open(phase, organisations);
        Assert.Equal(acting.Count, woken);
        turn.StartFirst();

        var started = new List<int>();
        var inFlight = new HashSet<int>();
        for (var i = 0; i < LaneTurn.InFlight; i++)
        {
            var (organisation, start) = ExpectMsg<(int, PhaseStarted)>();
            Assert.Equal(phase.Index, start.Phase);
            started.Add(organisation);
            inFlight.Add(organisation);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        var sent = 0;
        while (inFlight.Count > 0)
        {
            var organisation = inFlight.First();
            inFlight.Remove(organisation);
            // Each sends a letter with a penny to an organisation of the other lane, and holds one penny less.
            var recipient = book.Lanes[1].Members[organisation % book.Lanes[1].Members.Count];
            var report = Report(organisation) with { Letters = [new SentLetter(recipient, new Money(1), [])], Cash = new Money(-1) };
            turn.Completed(new PhaseCompleted(phase.Index, report));
            sent++;
            if (inFlight.Count > 0 || started.Count < woken) clock.ExpectNoMsg(TimeSpan.Zero);
            if (started.Count == woken) continue;
            var (next, _) = ExpectMsg<(int, PhaseStarted)>();
            started.Add(next);
            inFlight.Add(next);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Assert.Equal(acting.OrderBy(i => i), started.OrderBy(i => i));
        Assert.Equal(phase.Index, clock.ExpectMsg<LaneBooked>().Phase);
        clock.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(woken, sent);
        Assert.Equal(new Money(woken), book.MoneyInFlight);
        Assert.Equal(new Money(-woken), book.TotalCash);
        book.EndPhase(phase);
    }

    [Fact]
    public void A_report_that_cannot_be_booked_is_passed_to_the_clock_and_the_lane_still_books_the_phase()
    {
        var clock = CreateTestProbe();
        var deal = LaneDeal.Of(England, 2);
        var book = new RunBook(England, 2, deal);
        var organisations = Enumerable.Range(0, England.Count).Select(i => Sys.ActorOf(Props.Create(() => new StandIn(i, TestActor)))).ToList();
        // The funder alone acts in the first phase, the allocation.
        var turn = new LaneTurn(clock, book.Lanes[deal[England.Funder.Index]]);
        var phase = England.Calendar[0];
        Assert.Equal(1, turn.Open(phase, organisations));
        turn.StartFirst();
        var (funder, _) = ExpectMsg<(int, PhaseStarted)>();

        turn.Completed(new PhaseCompleted(phase.Index, Report(funder) with { Received = new Money(5) }));

        var refused = clock.ExpectMsg<LaneBookingRefused>();
        Assert.Equal((phase.Index, funder), (refused.Phase, refused.Organisation));
        Assert.IsType<MoneyNotConservedException>(refused.Cause);
        Assert.Equal(phase.Index, clock.ExpectMsg<LaneBooked>().Phase);
    }
}
