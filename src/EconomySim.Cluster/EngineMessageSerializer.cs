using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using EconomySim.Domain;
using EconomySim.Engine;

namespace EconomySim.Cluster;

/// <summary>
/// The engine's own messages (the clock's and the letters between organisations), for a run sharded over a cluster:
/// JSON, with every kind of economy message named, and money as whole pence. Doubles are written in their shortest
/// round-trip form, so an organisation on another node reads exactly the numbers that were sent.
/// </summary>
public sealed class EngineMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private sealed record Stopped(string Organisation, string Reason, string Cause);

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameEconomyMessages } },
        Converters = { new MoneyConverter() },
    };

    public override int Identifier => 7_303;

    public override string Manifest(object o) => o switch
    {
        Letter => "letter",
        PhaseStarted => "phase-started",
        PhaseCompleted => "phase-completed",
        HistoryWriteDue => "history-write-due",
        HistoryDurable => "history-durable",
        HistoryDigestRequested => "digest-requested",
        HistoryDigestReported => "digest-reported",
        OrganisationStopped => "organisation-stopped",
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        HistoryDigestRequested => [],
        OrganisationStopped s => JsonSerializer.SerializeToUtf8Bytes(new Stopped(s.Organisation, s.Reason, s.Cause.Message), Options),
        Letter or PhaseStarted or PhaseCompleted or HistoryWriteDue or HistoryDurable or HistoryDigestReported => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options),
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "letter" => Read<Letter>(bytes),
        "phase-started" => Read<PhaseStarted>(bytes),
        "phase-completed" => Read<PhaseCompleted>(bytes),
        "history-write-due" => Read<HistoryWriteDue>(bytes),
        "history-durable" => Read<HistoryDurable>(bytes),
        "digest-requested" => HistoryDigestRequested.Instance,
        "digest-reported" => Read<HistoryDigestReported>(bytes),
        "organisation-stopped" => Read<Stopped>(bytes) is var s ? new OrganisationStopped(s.Organisation, s.Reason, new InvalidOperationException(s.Cause)) : null!,
        _ => throw new SerializationException($"Unknown engine message '{manifest}': is every node running the same version?"),
    };

    private static T Read<T>(byte[] bytes) => JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new SerializationException($"Empty {typeof(T).Name}.");

    /// <summary>A letter holds economy messages of many kinds: each is written with its kind's name.</summary>
    private static void NameEconomyMessages(JsonTypeInfo info)
    {
        if (info.Type != typeof(EconomyMessage)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "$kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var kind in EconomyMessageKinds)
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind, kind.Name));
    }

    public static IReadOnlyList<Type> EconomyMessageKinds { get; } = typeof(EconomyMessage).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(EconomyMessage)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Pence);
    }
}
