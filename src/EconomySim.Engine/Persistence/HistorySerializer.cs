using System.Text.Json;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// Stores history events as their canonical JSON, the same bytes the run's digest is computed over, so a digest
/// recomputed from the store needs no other serializer and the journal reads as plain JSON in any SQL client.
/// </summary>
public sealed class HistorySerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string HistoryManifest = "history";
    private const string PhaseClosedManifest = "phase-closed";
    private const string ActivationManifest = "activation";

    public override int Identifier => 7_301;

    public override string Manifest(object o) => o switch
    {
        HistoryEvent => HistoryManifest,
        ActivationRecorded => ActivationManifest,
        PhaseClosed => PhaseClosedManifest,
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        HistoryEvent e => HistoryHasher.Serialize(e),
        ActivationRecorded a => WriteActivation(a),
        PhaseClosed p => JsonSerializer.SerializeToUtf8Bytes(p, EngineJsonContext.Default.PhaseClosed),
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        HistoryManifest => HistoryHasher.Deserialize(bytes),
        ActivationManifest => ReadActivation(bytes),
        PhaseClosedManifest => JsonSerializer.Deserialize(bytes, EngineJsonContext.Default.PhaseClosed)
                               ?? throw new SerializationException("Empty phase record."),
        _ => throw new SerializationException($"Unknown history manifest '{manifest}': this store was written by another version."),
    };

    /// <summary>Each event keeps its canonical bytes inside the entry, so reading it back gives the same digest.</summary>
    private static byte[] WriteActivation(ActivationRecorded activation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("phase", activation.Phase);
            writer.WriteStartArray("events");
            foreach (var e in activation.Events) writer.WriteRawValue(HistoryHasher.Serialize(e), skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static ActivationRecorded ReadActivation(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        var events = root.GetProperty("events").EnumerateArray()
            .Select(e => HistoryHasher.Deserialize(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()))).ToList();
        return new ActivationRecorded(root.GetProperty("phase").GetInt32(), events);
    }
}
