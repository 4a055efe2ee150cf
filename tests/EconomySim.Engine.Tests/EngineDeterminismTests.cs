using Akka.TestKit.Xunit2;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;

namespace EconomySim.Engine.Tests;

public class EngineDeterminismTests : TestKit
{
    [Fact]
    public async Task The_actor_engine_writes_the_same_history_as_the_sequential_reference()
    {
        var reference = SequentialRun.Run(SmallEconomy.Build(), 11);
        var run = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 11, "small-11");
        Assert.Equal(reference.Digest, run.Digest);
        Assert.Equal(reference.Letters, run.Messages);
        Assert.Equal(reference.Events, run.Events);
    }

    [Fact]
    public async Task Repeated_actor_runs_give_the_same_digest()
    {
        var first = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 5, "small-a");
        var second = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 5, "small-b");
        Assert.Equal(first.Digest, second.Digest);
        Assert.Equal(first.Phases, first.PhasesConserved);
    }
}

public class EnglandRunTests : TestKit
{
    private static readonly EconomySim.Domain.EconomyDefinition England = EconomySim.Scenarios.EconomyGenerator.Build(
        EconomySim.Scenarios.ScenarioLoader.Load(EconomySim.Testing.RepositoryRoot.File("configs/england.yaml")), years: 2);

    [Fact]
    public async Task England_conserves_money_in_every_phase_and_matches_the_sequential_reference()
    {
        var reference = SequentialRun.Run(England, 3);
        var run = await SimulationEngine.RunAsync(Sys, England, 3, "england-3");
        Assert.Equal(run.Phases, run.PhasesConserved);
        Assert.Equal(reference.Digest, run.Digest);
        Assert.InRange(run.Organisations, 1_600, 1_700);
    }

    [Fact]
    public async Task England_outcomes_are_of_the_magnitudes_the_scenario_describes()
    {
        var run = await SimulationEngine.RunAsync(Sys, England, 3, "england-magnitudes");
        var first = run.Outcomes.Years[0];
        // DOMAIN.md: about 6.4m emergency admissions a year, a waiting list of about 7.5m, 12-14 thousand delayed beds a day.
        Assert.InRange(first.Values[EconomySim.Domain.Metric.EmergencyAdmissions], 5_500_000, 7_500_000);
        Assert.InRange(first.Values[EconomySim.Domain.Metric.WaitingList], 5_000_000, 10_000_000);
        Assert.InRange(first.Values[EconomySim.Domain.Metric.DelayedDischargeBedDays] / 365.0, 10_000, 16_000);
    }
}
