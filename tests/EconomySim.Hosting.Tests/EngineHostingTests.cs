using Akka.Hosting;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;

namespace EconomySim.Engine.Hosting.Tests;

public class EngineHostingTests : Akka.Hosting.TestKit.TestKit
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithEconomySimEngine(new EngineOptions(DispatcherThroughput: 5));

    [Fact]
    public async Task A_run_on_the_hosted_actor_system_matches_the_sequential_reference()
    {
        var reference = SequentialRun.Run(SmallEconomy.Build(), 21);
        var run = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 21, "hosted-21", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(reference.Digest, run.Digest);
    }

    [Fact]
    public void The_hosted_engine_keeps_the_dispatcher_throughput_it_was_given()
    {
        Assert.Equal(5, Sys.Settings.Config.GetInt("akka.actor.default-dispatcher.throughput"));
    }
}
