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
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        WorkWanted m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.WorkWanted),
        WorkAvailable => [],
        ReplicationAssigned m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationAssigned),
        ReplicationDone m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationDone),
        ReplicationFailed m => JsonSerializer.SerializeToUtf8Bytes(m, ClusterJsonContext.Default.ReplicationFailed),
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "work-wanted" => Read(bytes, ClusterJsonContext.Default.WorkWanted),
        "work-available" => WorkAvailable.Instance,
        "replication-assigned" => Read(bytes, ClusterJsonContext.Default.ReplicationAssigned),
        "replication-done" => Read(bytes, ClusterJsonContext.Default.ReplicationDone),
        "replication-failed" => Read(bytes, ClusterJsonContext.Default.ReplicationFailed),
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
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
