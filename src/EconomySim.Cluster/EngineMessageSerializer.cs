using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine;

namespace EconomySim.Cluster;

/// <summary>
/// Writes the engine's protocol (every <see cref="IEngineMessage"/>) and the letters between organisations (every
/// <see cref="IEconomyMessage"/>) as JSON, for a run sharded over a cluster.
/// </summary>
public sealed class EngineMessageSerializer(ExtendedActorSystem system) : MessageSerializer(system, Catalogue)
{
    public static MessageCatalogue Catalogue { get; } = new(typeof(IEconomyMessage), typeof(IEngineMessage));

    public override int Identifier => 7_303;
}
