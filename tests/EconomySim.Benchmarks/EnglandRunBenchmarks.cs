using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;

namespace EconomySim.Benchmarks;

/// <summary>
/// England scale (about 1,650 organisations), 10 simulated years, no store: the actor engine against the sequential
/// reference loop that calls the same domain functions. Each invocation is a whole run, so the monitoring strategy
/// measures single runs rather than micro-iterations.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class EnglandRunBenchmarks
{
    private EconomyDefinition _england = null!;
    private ActorSystem _system = null!;
    private int _runs;

    [GlobalSetup]
    public void Setup()
    {
        _england = BenchmarkSetup.England(years: 10);
        _system = BenchmarkSetup.QuietActorSystem();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(Description = "actor engine")]
    public string ActorEngine() => SimulationEngine.RunAsync(_system, _england, 1, $"bench-{++_runs}").GetAwaiter().GetResult().Digest;

    [Benchmark(Baseline = true, Description = "sequential reference")]
    public string SequentialReference() => SequentialRun.Run(_england, 1).Digest;
}
