using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EconomySim.Domain.Runs;

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
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public long Events { get; private set; }

    public static byte[] Serialize(HistoryEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, HistoryJsonContext.Default.HistoryEvent);

    public static HistoryEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.HistoryEvent) ?? throw new JsonException("Empty history event.");

    /// <summary>
    /// Appends an event and returns its canonical JSON, so a store can keep the very bytes hashed. The bytes are valid
    /// until the next append by any hasher on this thread: copy them before anything else appends.
    /// </summary>
    public ReadOnlySpan<byte> Append(HistoryEvent e)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, e, HistoryJsonContext.Default.HistoryEvent);
        writer.Flush();
        AppendCanonical(buffer.WrittenSpan);
        return buffer.WrittenSpan;
    }

    /// <summary>Appends an event already in canonical JSON form (as read back from a store).</summary>
    public void AppendCanonical(ReadOnlySpan<byte> json)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
        _hash.AppendData(length);
        _hash.AppendData(json);
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
