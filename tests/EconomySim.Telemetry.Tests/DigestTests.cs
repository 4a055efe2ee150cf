using System.Diagnostics;
using Akka.TestKit.Xunit2;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;
using EconomySim.Engine;
using EconomySim.Telemetry.Dashboard;
using EconomySim.Telemetry.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EconomySim.Telemetry.Tests;

public class DigestTests : TestKit
{
    [Fact]
    public async Task A_run_with_metrics_traces_dashboard_and_pace_writes_the_same_history_as_one_without()
    {
        var reference = SequentialRun.Run(SmallEconomy.Build(), 21);
        var plain = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 21, "digest-plain");

        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        EconomySimTelemetry.EnsureCreated();
        using var tracers = Sdk.CreateTracerProviderBuilder().AddSource(EconomySimTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EconomySimTelemetry.Name).AddInMemoryExporter(metrics).Build();
        var feed = new DashboardFeed();
        using var browser = feed.Subscribe();
        var (observed, telemetry) = await ObservedRuns.RunAsync(Sys, SmallEconomy.Build(), 21, "digest-observed", metrics: true, feed, pace: TimeSpan.FromMilliseconds(1));
        telemetry.Dispose();
        meters.ForceFlush();
        // Disposing stops the listener and shuts the exporter down, so no span still ending on an actor's thread
        // adds to the list while it is read below.
        tracers.Dispose();

        Assert.Equal(reference.Digest, plain.Digest);
        Assert.Equal(plain.Digest, observed.Digest);
        Assert.Equal(plain.Messages, observed.Messages);
        Assert.Equal(plain.Events, observed.Events);
        // The telemetry really was on: letters carried trace context and the dashboard received every month.
        Assert.Contains(spans, s => s.OperationName == NegotiationTracer.ContractReply && (string?)s.GetTagItem(TelemetryCatalogue.RunId) == "digest-observed");
        Assert.Equal(ObservedRuns.Months(observed), feed.Snapshot().Single(r => r.Run.RunId == "digest-observed").Ticks.Count);
    }

    [Fact]
    public async Task A_paced_run_takes_at_least_its_pace_per_simulated_month()
    {
        var economy = SmallEconomy.Build(SmallEconomy.Parameters(years: 1));
        var stopwatch = Stopwatch.StartNew();
        var paced = await SimulationEngine.RunAsync(Sys, economy, 5, "paced", new RunOptions { MonthPace = TimeSpan.FromMilliseconds(40) });
        stopwatch.Stop();
        // Twelve months: the clock waits between months, so eleven paces pass before the last month starts. Akka's
        // scheduler works in 10 ms ticks, so each wait is allowed to end up to one tick early. Unpaced, this year takes
        // well under 100 ms.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(11 * 30), $"a year paced at 40 ms a month took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(SequentialRun.Run(economy, 5).Digest, paced.Digest);
    }
}
