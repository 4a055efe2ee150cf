using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EconomySim.Engine;

public sealed record EngineOptions(bool Verbose = false, int DispatcherThroughput = 30);

/// <summary>Wires the engine's actor system through Akka.Hosting.</summary>
public static class EngineHosting
{
    public const string ActorSystemName = "economysim";

    /// <summary>
    /// Akka's own logging goes quiet unless asked for: a run's failures come back as RunFailed with the organisation and
    /// phase named, and stdout must stay clean for --json.
    /// </summary>
    public static AkkaConfigurationBuilder WithEconomySimEngine(this AkkaConfigurationBuilder builder, EngineOptions options)
    {
        var level = options.Verbose ? "WARNING" : "OFF";
        builder.AddHocon($$"""
            akka {
              loglevel = {{level}}
              stdout-loglevel = {{level}}
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor.default-dispatcher.throughput = {{options.DispatcherThroughput}}
            }
            """, HoconAddMode.Prepend);
        return builder;
    }

    public static IServiceCollection AddEconomySimEngine(this IServiceCollection services, EngineOptions options) =>
        services.AddAkka(ActorSystemName, (builder, _) => builder.WithEconomySimEngine(options));
}
