using Akka.Hosting;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;
using EconomySim.Testing;

namespace EconomySim.Engine.Hosting.Tests;

public class EngineHostingTests : Akka.Hosting.TestKit.TestKit
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.WithEconomySimEngine(new EngineOptions(DispatcherThroughput: 5, RunLanes: 3));

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

    [Fact]
    public void The_hosted_engine_has_the_run_lanes_it_was_given_each_of_one_thread()
    {
        Assert.Equal(3, RunLanes.Count(Sys));
        var lane = Sys.Settings.Config.GetConfig(RunLanes.Dispatcher(2));
        Assert.Equal(1, lane.GetInt("dedicated-thread-pool.thread-count"));
        Assert.Equal(5, lane.GetInt("throughput"));
        var shared = Sys.Settings.Config.GetConfig(RunLanes.SharedDispatcher(2));
        Assert.Equal((2, 3), (shared.GetInt("run-lane"), shared.GetInt("run-lanes")));
        Assert.Equal(5, shared.GetInt("throughput"));
    }

    [Fact]
    public async Task A_single_run_with_no_store_acts_on_the_shared_lanes_threads_alone_and_matches_the_sequential_reference()
    {
        var reference = SequentialRun.Run(SmallEconomy.Build(), 23);
        var threads = new ActingThreads();
        var run = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 23, "relayed-23", new RunOptions { Observer = threads },
            TestContext.Current.CancellationToken);
        Assert.Equal(reference.Digest, run.Digest);
        Assert.Equal(reference.Letters, run.Messages);
        // The clock and the organisations act on the shared lanes' threads, whichever lane's thread takes them, and
        // nowhere else.
        Assert.InRange(threads.Threads.Count, 1, 3);
        Assert.All(threads.ThreadNames, name => Assert.StartsWith(RunLanes.SharedDispatcher(0)[..^1], name));
    }

    [Fact]
    public async Task England_relayed_over_the_lanes_conserves_money_in_every_phase_and_matches_the_sequential_reference()
    {
        var england = EconomySim.Scenarios.EconomyGenerator.Build(EconomySim.Scenarios.ScenarioLoader.Load(RepositoryRoot.File("configs/england.yaml")), years: 2);
        var reference = SequentialRun.Run(england, 4);
        var run = await SimulationEngine.RunAsync(Sys, england, 4, "england-relayed-4", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(run.Phases, run.PhasesConserved);
        Assert.Equal(reference.Digest, run.Digest);
        Assert.Equal(reference.Events, run.Events);
    }

    [Fact]
    public async Task A_run_in_a_lane_keeps_its_clock_and_organisations_on_one_thread_and_matches_the_sequential_reference()
    {
        var reference = SequentialRun.Run(SmallEconomy.Build(), 22);
        var threads = new ActingThreads();
        var run = await SimulationEngine.RunAsync(Sys, SmallEconomy.Build(), 22, "lane-22",
            new RunOptions { Observer = threads, Dispatcher = RunLanes.Dispatcher(1) }, TestContext.Current.CancellationToken);
        Assert.Equal(reference.Digest, run.Digest);
        Assert.Single(threads.Threads);
    }
}
