using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EconomySim.Domain.Runs;

/// <summary>An event at this place in an organisation's history, as its canonical JSON: valid only during the call.</summary>
public delegate void EventHashed(long index, ReadOnlySpan<byte> json, HistoryEvent e);

/// <summary>
/// SHA-256 over one organisation's events in the order it produced them, each as its canonical JSON with a length
/// prefix. The same events read back from a store give the same digest.
/// </summary>
public sealed class HistoryHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    // Every organisation holds a hasher, but an event's bytes live only until the next append: one buffer a thread
    // serves them all, where a buffer each grew to its organisation's largest event and stayed that size all run.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_canonical;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_pending;
    private const int LengthPrefix = sizeof(int);
    private static readonly Dictionary<Type, DerivedEvent> s_derived = DerivedEvents();

    public long Events { get; private set; }

    /// <summary>
    /// Builds the serializer's type information for every event type now. It is built once a process, on first use,
    /// and every organisation's first activation waits for it; a process about to run can build it while its actor
    /// system starts.
    /// </summary>
    public static void Prepare() => _ = s_derived.Count;

    /// <summary>The event's canonical JSON: what is hashed and what a store keeps.</summary>
    public static byte[] Serialize(HistoryEvent e) => Canonical(e).ToArray();

    public static HistoryEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.HistoryEvent) ?? throw new JsonException("Empty history event.");

    /// <summary>
    /// Appends an activation's events in order, to the same digest as appending each, and shows
    /// <paramref name="hashed"/> each event's canonical JSON on the way, so a store can keep the very bytes hashed. The
    /// hash takes them as one piece, each behind its length: each piece is a call into the platform's cryptography, and
    /// an England run records about two events an activation, so a piece for every event and another for its length
    /// made about four calls an activation.
    /// </summary>
    public void AppendAll(IReadOnlyList<HistoryEvent> events, EventHashed? hashed = null)
    {
        if (events.Count == 0) return;
        var pending = t_pending ??= new ArrayBufferWriter<byte>(1024);
        pending.ResetWrittenCount();
        for (var i = 0; i < events.Count; i++)
        {
            var json = Canonical(events[i]);
            WritePiece(pending, json);
            hashed?.Invoke(Events + i, json, events[i]);
        }
        _hash.AppendData(pending.WrittenSpan);
        Events += events.Count;
    }

    /// <summary>An event's piece of the hashed stream: its canonical JSON behind its length.</summary>
    private static void WritePiece(ArrayBufferWriter<byte> pending, ReadOnlySpan<byte> json)
    {
        BinaryPrimitives.WriteInt32LittleEndian(pending.GetSpan(LengthPrefix), json.Length);
        pending.Advance(LengthPrefix);
        pending.Write(json);
    }

    /// <summary>
    /// The event's canonical JSON: its polymorphic JSON, which <see cref="Deserialize"/> reads. Written through the base
    /// type, every event takes the serializer's polymorphic path, which allocates a stack of frames on each call (a fifth
    /// of all a run allocated); it is written as its own type instead, behind the discriminator that path would write.
    /// </summary>
    private static ReadOnlySpan<byte> Canonical(HistoryEvent e)
    {
        var body = t_buffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new Utf8JsonWriter(body);
        body.ResetWrittenCount();
        writer.Reset(body);
        var derived = s_derived[e.GetType()];
        JsonSerializer.Serialize(writer, e, derived.Info);
        writer.Flush();
        var properties = body.WrittenSpan[1..];
        var canonical = t_canonical ??= new ArrayBufferWriter<byte>(256);
        canonical.ResetWrittenCount();
        canonical.Write(derived.Discriminator);
        // The derived object's own properties follow the discriminator; an object with none closes straight after it.
        if (properties.Length > 1) canonical.Write(","u8);
        canonical.Write(properties);
        return canonical.WrittenSpan;
    }

    /// <summary>Every event type with its type information and the opening its polymorphic JSON starts with.</summary>
    private static Dictionary<Type, DerivedEvent> DerivedEvents()
    {
        var root = HistoryJsonContext.Default.HistoryEvent;
        var polymorphism = root.PolymorphismOptions ?? throw new InvalidOperationException("History events must be polymorphic.");
        var derived = new Dictionary<Type, DerivedEvent>();
        foreach (var type in polymorphism.DerivedTypes)
        {
            var opening = new ArrayBufferWriter<byte>(64);
            using (var writer = new Utf8JsonWriter(opening))
            {
                writer.WriteStartObject();
                writer.WriteString(polymorphism.TypeDiscriminatorPropertyName, (string)type.TypeDiscriminator!);
                writer.Flush();
            }
            derived[type.DerivedType] = new DerivedEvent(HistoryJsonContext.Default.GetTypeInfo(type.DerivedType)!, opening.WrittenSpan.ToArray());
        }
        return derived;
    }

    private sealed record DerivedEvent(JsonTypeInfo Info, byte[] Discriminator);

    /// <summary>Appends an event already in canonical JSON form (as read back from a store).</summary>
    public void AppendCanonical(ReadOnlySpan<byte> json)
    {
        var pending = t_pending ??= new ArrayBufferWriter<byte>(1024);
        pending.ResetWrittenCount();
        WritePiece(pending, json);
        _hash.AppendData(pending.WrittenSpan);
        Events++;
    }

    public byte[] Current() => _hash.GetCurrentHash();

    /// <summary>The run's digest: SHA-256 over every organisation's code and history digest, in index order.</summary>
    public static string Combine(IReadOnlyList<(string Code, byte[] Digest)> organisations)
    {
        using var run = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (code, digest) in organisations)
        {
            run.AppendData(Encoding.UTF8.GetBytes(code));
            run.AppendData(digest);
        }
        return Convert.ToHexStringLower(run.GetCurrentHash());
    }

    public void Dispose() => _hash.Dispose();
}
