using Akka.Actor;

namespace EconomySim.Cluster;

/// <summary>Writes the cluster's protocol (every <see cref="IClusterMessage"/>) as JSON.</summary>
public sealed class ClusterSerializer(ExtendedActorSystem system) : MessageSerializer(system, Catalogue)
{
    public static MessageCatalogue Catalogue { get; } = new(typeof(IClusterMessage));

    public override int Identifier => 7_302;
}
