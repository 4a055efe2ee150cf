using Akka.TestKit.Xunit2;
using EconomySim.Domain;
using EconomySim.Domain.Tests;
using EconomySim.Telemetry.Dashboard;
using EconomySim.Telemetry.Tests.Support;

namespace EconomySim.Telemetry.Tests;

public class DashboardFeedTests : TestKit
{
    [Fact]
    public async Task Each_simulated_month_reaches_the_feed_with_totals_equal_to_the_run_and_recorded_outcomes_adding_up_over_regions()
    {
        var feed = new DashboardFeed();
        var (result, telemetry) = await ObservedRuns.RunAsync(Sys, SmallEconomy.Build(), 8, "feed-run", metrics: false, feed);
        telemetry.Dispose();

        var state = Assert.Single(feed.Snapshot());
        Assert.Equal(DashboardStatus.Finished, state.Status.State);
        Assert.Equal(result.Digest, state.Status.Digest);
        Assert.Equal(["England", "North", "South"], state.Run.Regions.Order());
        Assert.Equal(ObservedRuns.Months(result), state.Ticks.Count);
        for (var t = 0; t < state.Ticks.Count; t++)
        {
            var tick = state.Ticks[t];
            Assert.Equal(t, tick.Tick);
            Assert.Equal(2024 + t / 12, tick.Year);
            foreach (var info in MetricCatalogue.All)
            {
                var m = (int)info.Metric;
                var expected = ObservedRuns.Display(result, t, info.Metric);
                Assert.Equal(expected, tick.Totals[m], 6);
                if (info.Derive is null) Assert.Equal(expected, tick.ByRegion.Sum(r => r[m]), 6);
            }
        }
        var north = state.Run.Regions.ToList().IndexOf("North");
        var last = state.Ticks[^1].ByRegion[north];
        Assert.True(last[(int)Metric.WaitingList] > 0);
        // A region's share is computed from that region's own flows, as the model computes the economy's.
        var mix = new[] { Metric.SpendAcute, Metric.SpendPrimaryCare, Metric.SpendCommunity, Metric.SpendMentalHealth, Metric.SocialCareSpend, Metric.SpendPrevention, Metric.PublicHealthSpend }
            .Sum(m => last[(int)m]);
        Assert.Equal(last[(int)Metric.SpendAcute] / mix, last[(int)Metric.ShareAcute], 3);
    }

    [Fact]
    public async Task A_subscriber_gets_what_happened_before_it_joined_and_then_every_update_once()
    {
        var feed = new DashboardFeed();
        var economy = SmallEconomy.Build(SmallEconomy.Parameters(years: 1));
        feed.RunStarted(new DashboardRun("early", "small", "a", "r", 1, 2024, 12, [], DashboardRun.Live));
        feed.Tick(new DashboardTick("early", 0, 2024, 1, new double[MetricCatalogue.Count], []));
        using var subscription = feed.Subscribe();
        Assert.Single(subscription.Snapshot.Single().Ticks);

        var (result, telemetry) = await ObservedRuns.RunAsync(Sys, economy, 2, "late", metrics: false, feed, variant: "b");
        telemetry.Dispose();
        var updates = new List<object>();
        while (subscription.Updates.TryRead(out var update)) updates.Add(update);
        Assert.Equal("late", Assert.IsType<DashboardRun>(updates[0]).RunId);
        Assert.Equal("b", ((DashboardRun)updates[0]).Variant);
        Assert.Equal(Enumerable.Range(0, 12), updates.OfType<DashboardTick>().Select(t => t.Tick));
        Assert.Equal([DashboardStatus.Running, DashboardStatus.Finished], updates.OfType<DashboardStatus>().Select(s => s.State));
        Assert.Equal(result.Digest, updates.OfType<DashboardStatus>().Last().Digest);
    }

    [Fact]
    public async Task A_finished_run_from_its_outcome_table_shows_the_same_totals_as_when_it_ran_live()
    {
        var live = new DashboardFeed();
        var (result, telemetry) = await ObservedRuns.RunAsync(Sys, SmallEconomy.Build(), 9, "stored-run", metrics: false, live);
        telemetry.Dispose();
        var stored = new DashboardFeed();
        var run = live.Snapshot().Single().Run with { Source = DashboardRun.Stored };
        stored.AddFinishedRun(run, result.Outcomes, result.Digest);

        var fromStore = stored.Snapshot().Single();
        Assert.Equal(DashboardRun.Stored, fromStore.Run.Source);
        Assert.Equal(live.Snapshot().Single().Ticks.Select(t => t.Totals), fromStore.Ticks.Select(t => t.Totals));
    }
}
