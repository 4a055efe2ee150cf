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
    private const string EventsManifest = "events";
    // Entries written one per activation, before the history cadence: the same JSON shape.
    private const string ActivationManifest = "activation";

    public override int Identifier => 7_301;

    public override string Manifest(object o) => o switch
    {
        HistoryEvent => HistoryManifest,
        EventsRecorded => EventsManifest,
        PhaseClosed => PhaseClosedManifest,
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        HistoryEvent e => HistoryHasher.Serialize(e),
        EventsRecorded entry => entry.Json,
        PhaseClosed p => JsonSerializer.SerializeToUtf8Bytes(p, EngineJsonContext.Default.PhaseClosed),
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        HistoryManifest => HistoryHasher.Deserialize(bytes),
        EventsManifest or ActivationManifest => new EventsRecorded(bytes),
        PhaseClosedManifest => JsonSerializer.Deserialize(bytes, EngineJsonContext.Default.PhaseClosed)
                               ?? throw new SerializationException("Empty phase record."),
        _ => throw new SerializationException($"Unknown history manifest '{manifest}': this store was written by another version."),
    };
}
