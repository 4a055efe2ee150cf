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
