using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EconomySim.Benchmarking;
using EconomySim.Engine;

namespace EconomySim.Benchmarks;

/// <summary>
/// The plain Akka.NET baseline for the engine's message rate: as many actors as England has organisations (828 pairs)
/// bouncing a ball, two million messages in all, on an actor system configured like the engine's. Messages per second
/// is 2,000,000 / mean time; `economysim bench` reports the engine's letters per second as a ratio of it.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MemoryDiagnoser]
public class PingPongBenchmarks
{
    private const int Messages = 2_000_000;
    private ActorSystem _system = null!;

    [Params(828)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _system = BenchmarkSetup.QuietActorSystem("akka.actor.default-dispatcher.throughput = 30");

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(Description = "Akka.NET ping-pong, 2 million messages")]
    public long PingPongRally() => PingPong.RunAsync(_system, Pairs, Messages / Pairs).GetAwaiter().GetResult().Messages;
}
