using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EconomySim.Domain;
using EconomySim.Engine;

namespace EconomySim.Benchmarks;

/// <summary>
/// England at scales 1, 10 and 100 (about 1,650, 16,500 and 165,000 organisations), 10 simulated years, no store:
/// time and allocations should grow no faster than the organisation count. BenchmarkDotNet runs each scale in its own
/// process; `economysim bench` reports each scale's peak working set, which this cannot.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private EconomyDefinition _england = null!;
    private ActorSystem _system = null!;
    private int _runs;

    [Params(1, 10, 100)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _england = BenchmarkSetup.England(years: 10, scale: Scale);
        _system = BenchmarkSetup.QuietActorSystem("akka.actor.default-dispatcher.throughput = 30");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(Description = "England, 10 years, actor engine")]
    public string EnglandAtScale() => SimulationEngine.RunAsync(_system, _england, 1, $"scale-{++_runs}", new RunOptions { NewHistory = true }).GetAwaiter().GetResult().Digest;
}
