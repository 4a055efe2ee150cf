using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace EconomySim.Cluster;

/// <summary>Writes the cluster protocol as JSON with a short manifest per message type.</summary>
public sealed class ClusterSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 7_302;

    public override string Manifest(object o) => o switch
    {
        WorkWanted => "work-wanted",
        WorkAvailable => "work-available",
        ReplicationAssigned => "replication-assigned",
        ReplicationDone => "replication-done",
        ReplicationFailed => "replication-failed",
        OrganisationPlaced => "organisation-placed",
        OrganisationReleased => "organisation-released",
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        WorkWanted m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.WorkWanted),
        WorkAvailable => [],
        ReplicationAssigned m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationAssigned),
        ReplicationDone m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationDone),
        ReplicationFailed m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationFailed),
        OrganisationPlaced m => JsonSerializer.SerializeToUtf8Bytes(new Placement(m.RunId, m.Seed, m.Index, m.ScenarioFile, m.ScenarioSources, m.Years, m.Scale,
            m.Persist, m.NewHistory, m.Store, Akka.Serialization.Serialization.SerializedActorPath(m.Clock)), ClusterJsonContext.Default.Placement),
        OrganisationReleased => [],
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "work-wanted" => Read(bytes, ClusterJsonContext.Default.WorkWanted),
        "work-available" => WorkAvailable.Instance,
        "replication-assigned" => Read(bytes, ClusterJsonContext.Default.ReplicationAssigned),
        "replication-done" => Read(bytes, ClusterJsonContext.Default.ReplicationDone),
        "replication-failed" => Read(bytes, ClusterJsonContext.Default.ReplicationFailed),
        "organisation-placed" => Read(bytes, ClusterJsonContext.Default.Placement) is var p
            ? new OrganisationPlaced(p.RunId, p.Seed, p.Index, p.ScenarioFile, p.ScenarioSources, p.Years, p.Scale, p.Persist, p.NewHistory, p.Store, system.Provider.ResolveActorRef(p.Clock))
            : null!,
        "organisation-released" => OrganisationReleased.Instance,
        _ => throw new SerializationException($"Unknown cluster message '{manifest}': is every node running the same version?"),
    };

    private static T Read<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(bytes, type) ?? throw new SerializationException($"Empty {typeof(T).Name}.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WorkWanted))]
[JsonSerializable(typeof(ReplicationAssigned))]
[JsonSerializable(typeof(ReplicationDone))]
[JsonSerializable(typeof(ReplicationFailed))]
[JsonSerializable(typeof(Placement))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;

/// <summary>An organisation's placement as written: the clock by its actor path, resolved again on the receiving node.</summary>
internal sealed record Placement(string RunId, long Seed, int Index, string ScenarioFile, string ScenarioSources, int Years, int Scale, bool Persist, bool NewHistory, string Store, string Clock);
