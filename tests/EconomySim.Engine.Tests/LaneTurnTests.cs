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
    public void A_lanes_organisations_start_one_another_as_they_complete_and_reach_the_clock_in_batches_each_once()
    {
        var clock = CreateTestProbe();
        var lane = LaneDeal.Of(England, 2);
        int[] members = [.. Enumerable.Range(0, England.Count).Where(i => lane[i] == 0)];
        var organisations = Enumerable.Range(0, England.Count).Select(i => Sys.ActorOf(Props.Create(() => new StandIn(i, TestActor)))).ToList();
        var turn = new LaneTurn(clock, new RunBook(England), members);
        // Every GP federation and council acts in primary and social care, letters or none: far more than are started at once.
        var phase = England.Calendar.First(p => p.Kind == PhaseKind.PrimaryAndSocialCare);
        var acting = members.Where(i => Calendar.Acts(phase.Kind, England[i].Kind, hasMail: false)).ToHashSet();
        Assert.True(acting.Count > 2 * LaneTurn.BatchSize + 1, $"the lane has only {acting.Count} organisations acting");

        var (woken, _) = turn.Open(phase, organisations);
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

        var completions = new List<PhaseCompleted>();
        while (inFlight.Count > 0)
        {
            var organisation = inFlight.First();
            inFlight.Remove(organisation);
            var completed = new PhaseCompleted(phase.Index, Report(organisation));
            completions.Add(completed);
            turn.Completed(completed);
            if (started.Count == woken) continue;
            var (next, _) = ExpectMsg<(int, PhaseStarted)>();
            started.Add(next);
            inFlight.Add(next);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Assert.Equal(acting.OrderBy(i => i), started.OrderBy(i => i));
        var batches = new List<LaneCompleted>();
        for (var passed = 0; passed < woken; passed += batches[^1].Completions.Length)
            batches.Add(clock.ExpectMsg<LaneCompleted>());
        clock.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.All(batches, batch => Assert.Equal(phase.Index, batch.Phase));
        Assert.All(batches.SkipLast(1), batch => Assert.Equal(LaneTurn.BatchSize, batch.Completions.Length));
        Assert.Equal(completions, batches.SelectMany(batch => batch.Completions));
    }
}
