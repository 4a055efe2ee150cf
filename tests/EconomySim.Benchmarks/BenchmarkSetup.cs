using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Scenarios;
using EconomySim.Testing;

namespace EconomySim.Benchmarks;

/// <summary>What every benchmark starts from: England as the scenario file describes it, and an actor system that keeps quiet.</summary>
internal static class BenchmarkSetup
{
    public static EconomyDefinition England(int years, int scale = 1) =>
        EconomyGenerator.Build(ScenarioLoader.Load(RepositoryRoot.File("configs/england.yaml")), years: years, scale: scale);

    /// <param name="hocon">Settings beside the logging ones, e.g. the dispatcher's throughput.</param>
    public static ActorSystem QuietActorSystem(string hocon = "") =>
        ActorSystem.Create("bench", "akka.loglevel = OFF\nakka.stdout-loglevel = OFF\n" + hocon);
}
