using Akka.Hosting;
using EconomySim.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EconomySim.Engine;

/// <param name="RunLanes">Lanes for runs made several at once (<see cref="RunLanes"/>); by default one a core.</param>
public sealed record EngineOptions(bool Verbose = false, int DispatcherThroughput = 30, HistoryStore? Store = null, int? RunLanes = null);

/// <summary>Wires the engine's actor system through Akka.Hosting.</summary>
public static class EngineHosting
{
    public const string ActorSystemName = "economysim";

    public static AkkaConfigurationBuilder WithEconomySimEngine(this AkkaConfigurationBuilder builder, EngineOptions options)
    {
        builder.AddHocon($$"""
            {{Configuration(options.Verbose, options.DispatcherThroughput, options.RunLanes)}}
            akka.actor.serializers.economysim-history = "EconomySim.Engine.Persistence.HistorySerializer, EconomySim.Engine"
            akka.actor.serialization-bindings {
              "EconomySim.Domain.HistoryEvent, EconomySim.Domain" = economysim-history
              "EconomySim.Engine.Persistence.PhaseClosed, EconomySim.Engine" = economysim-history
              "EconomySim.Engine.Persistence.EventsRecorded, EconomySim.Engine" = economysim-history
            }
            {{(options.Store ?? HistoryStore.None).Hocon()}}
            """, HoconAddMode.Prepend);
        // The SQL plugin's own defaults (plugin classes, table mappings) are not loaded unless asked for.
        builder.AddHocon(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
        if (options.Store is { Kind: StoreKind.Sqlite } sqlite)
            builder.AddSetup(new Akka.Persistence.Sql.Config.DataOptionsSetup(SqliteTuning.Options(sqlite.ConnectionString)));
        return builder;
    }

    /// <summary>
    /// The actor system a run needs whatever its store: logging, dispatchers, run lanes and the organisations' mailbox.
    /// The natively compiled engine, which keeps no history, is configured with this alone. Akka's own logging goes
    /// quiet unless asked for: a run's failures come back as RunFailed with the organisation and phase named, and stdout
    /// must stay clean for --json.
    /// </summary>
    /// <param name="lanes">Run lanes (<see cref="RunLanes"/>); by default one a core.</param>
    public static string Configuration(bool verbose, int dispatcherThroughput, int? lanes)
    {
        var level = verbose ? "WARNING" : "OFF";
        var laneCount = lanes ?? Environment.ProcessorCount;
        if (laneCount < 1) throw new ArgumentOutOfRangeException(nameof(lanes), laneCount, "an engine needs at least one run lane");
        return $$"""
            akka {
              loglevel = {{level}}
              stdout-loglevel = {{level}}
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              # Signals are the command's to handle (a run stops at a phase boundary and is kept resumable); the process's
              # exit hook must not take the actor system down under a run before the command has heard of the signal.
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              actor.default-dispatcher.throughput = {{dispatcherThroughput}}
            }
            {{RunLanes.Configuration(laneCount, dispatcherThroughput)}}
            {{OrganisationMailbox.Hocon}}
            """;
    }

    /// <param name="more">Further configuration (a cluster node's) on top of the engine's.</param>
    public static IServiceCollection AddEconomySimEngine(this IServiceCollection services, EngineOptions options, Action<AkkaConfigurationBuilder>? more = null) =>
        services.AddAkka(ActorSystemName, (builder, _) =>
        {
            builder.WithEconomySimEngine(options);
            more?.Invoke(builder);
        });
}
