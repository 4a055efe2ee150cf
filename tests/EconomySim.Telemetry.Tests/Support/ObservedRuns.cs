using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Telemetry.Dashboard;

namespace EconomySim.Telemetry.Tests.Support;

/// <summary>Runs an economy on the actor engine with telemetry watching it.</summary>
public static class ObservedRuns
{
    public static async Task<(RunResult Result, RunTelemetry Telemetry)> RunAsync(ActorSystem system, EconomyDefinition economy, long seed, string runId,
        bool metrics, DashboardFeed? feed = null, TimeSpan pace = default, string? variant = null)
    {
        var telemetry = new RunTelemetry(RunLabels.For(runId, economy, variant), metrics, feed);
        var result = await SimulationEngine.RunAsync(system, economy, seed, runId, new RunOptions { Observer = telemetry, MonthPace = pace });
        return (result, telemetry);
    }

    /// <summary>Every outcome of a run at each month, in display units, from the run's own outcome table.</summary>
    public static double Display(RunResult result, int tick, Metric metric) =>
        (double)MetricCatalogue.Display(metric, result.Outcomes.AtTick(tick, metric));

    public static int Months(RunResult result) => result.Outcomes.Ticks.Length / MetricCatalogue.Count;
}
