using Akka.TestKit.Xunit2;
using EconomySim.Domain;
using EconomySim.Domain.Tests;
using EconomySim.Telemetry.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EconomySim.Telemetry.Tests;

public class MetricCatalogueTests : TestKit
{
    private static readonly HashSet<string> LowCardinality =
        [TelemetryCatalogue.RunId, TelemetryCatalogue.Scenario, TelemetryCatalogue.Variant, TelemetryCatalogue.Regime,
         TelemetryCatalogue.OrganisationKind, TelemetryCatalogue.Region, TelemetryCatalogue.PhaseKind];

    [Fact]
    public void Every_outcome_of_the_model_has_an_area_and_one_instrument()
    {
        foreach (var info in MetricCatalogue.All)
            Assert.True(TelemetryCatalogue.AreaOf(info.Metric) is not null, $"{info.Name} has no telemetry area: add it to TelemetryCatalogue.AreaOf");
        Assert.Equal(MetricCatalogue.Count, TelemetryCatalogue.Outcomes.Count);
        Assert.Equal(TelemetryCatalogue.All.Count, TelemetryCatalogue.All.Select(i => i.Name).Distinct().Count());
        Assert.All(TelemetryCatalogue.All, i => Assert.Matches("^economysim\\.[a-z_]+\\.[a-z0-9_]+$", i.Name));
        Assert.All(TelemetryCatalogue.All, i => Assert.Subset(LowCardinality, i.Attributes.ToHashSet()));
    }

    [Fact]
    public async Task The_instruments_emitted_are_exactly_the_catalogue_with_its_units_and_attributes()
    {
        var exported = new List<MetricSnapshot>();
        EconomySimTelemetry.EnsureCreated();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EconomySimTelemetry.Name).AddInMemoryExporter(exported).Build();
        var (result, telemetry) = await ObservedRuns.RunAsync(Sys, SmallEconomy.Build(), 3, "catalogue-run", metrics: true);
        using (telemetry) meters.ForceFlush();

        var mine = exported.Where(m => PointsOf(m, "catalogue-run").Any()).GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(TelemetryCatalogue.All.Select(i => i.Name).Order(), mine.Keys.Order());
        foreach (var info in TelemetryCatalogue.All)
        {
            var metric = mine[info.Name];
            Assert.Equal(info.Unit, metric.Unit);
            Assert.Equal(info.Kind switch
            {
                InstrumentKind.Counter => MetricType.DoubleSum,
                InstrumentKind.UpDownCounter => MetricType.DoubleSumNonMonotonic,
                InstrumentKind.Gauge => MetricType.DoubleGauge,
                _ => MetricType.Histogram,
            }, metric.MetricType);
            foreach (var point in PointsOf(metric, "catalogue-run"))
            {
                var keys = new HashSet<string>();
                foreach (var tag in point.Tags) keys.Add(tag.Key);
                Assert.Equal(info.Attributes.ToHashSet(), keys);
            }
        }
        Assert.Equal(result.Phases, Sum(mine[TelemetryCatalogue.Phases.Name], "catalogue-run"));
        Assert.Equal(result.Messages, Sum(mine[TelemetryCatalogue.Messages.Name], "catalogue-run"));
        Assert.Equal(ObservedRuns.Months(result), Sum(mine[TelemetryCatalogue.SimulatedTick.Name], "catalogue-run"));
    }

    [Fact]
    public async Task Recorded_outcome_instruments_add_up_over_kinds_and_regions_to_the_run_outcomes()
    {
        var exported = new List<MetricSnapshot>();
        EconomySimTelemetry.EnsureCreated();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(EconomySimTelemetry.Name).AddInMemoryExporter(exported).Build();
        var (result, telemetry) = await ObservedRuns.RunAsync(Sys, SmallEconomy.Build(), 4, "totals-run", metrics: true);
        using (telemetry) meters.ForceFlush();

        var months = ObservedRuns.Months(result);
        foreach (var info in MetricCatalogue.All)
        {
            var instrument = TelemetryCatalogue.ForOutcome(info);
            var metric = exported.Last(m => m.Name == instrument.Name && PointsOf(m, "totals-run").Any());
            if (info.Aggregation == Aggregation.Derived)
            {
                // A share or ratio does not add up; it is reported once per region (the dashboard feed test checks its values).
                Assert.Equal(["England", "North", "South"], PointsOf(metric, "totals-run").Select(p => Tag(p, TelemetryCatalogue.Region)).Order());
                continue;
            }
            var expected = info.Aggregation == Aggregation.Last
                ? ObservedRuns.Display(result, months - 1, info.Metric)
                : Enumerable.Range(0, months).Sum(t => ObservedRuns.Display(result, t, info.Metric));
            var emitted = Sum(metric, "totals-run");
            Assert.True(Math.Abs(expected - emitted) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{instrument.Name}: emitted {emitted}, the run's books say {expected}");
        }
        var waiting = exported.Last(m => m.Name == "economysim.activity.waiting_list" && PointsOf(m, "totals-run").Any());
        var byKind = PointsOf(waiting, "totals-run").GroupBy(p => Tag(p, TelemetryCatalogue.OrganisationKind)).ToDictionary(g => g.Key!, g => g.Sum(Value));
        Assert.True(byKind["trust"] > 0, "waiting lists belong to trusts");
        Assert.Equal(0, byKind["gp_federation"]);
        Assert.Equal(["North", "South"], PointsOf(waiting, "totals-run").Where(p => Value(p) > 0).Select(p => Tag(p, TelemetryCatalogue.Region)).Order());
    }

    internal static IEnumerable<MetricPoint> PointsOf(MetricSnapshot metric, string runId)
    {
        foreach (var point in metric.MetricPoints)
            if (Tag(point, TelemetryCatalogue.RunId) == runId)
                yield return point;
    }

    internal static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key)
                return tag.Value?.ToString();
        return null;
    }

    /// <summary>The value of a point of a gauge.</summary>
    internal static double Value(MetricPoint point) => point.GetGaugeLastValueDouble();

    private static double Sum(MetricSnapshot metric, string runId) =>
        PointsOf(metric, runId).Sum(p => metric.MetricType == MetricType.DoubleGauge ? p.GetGaugeLastValueDouble() : p.GetSumDouble());
}
