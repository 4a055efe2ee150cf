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
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;

    public HistoryHasher() => _writer = new Utf8JsonWriter(_buffer);

    public long Events { get; private set; }

    public static byte[] Serialize(HistoryEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, HistoryJsonContext.Default.HistoryEvent);

    public static HistoryEvent Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.HistoryEvent) ?? throw new JsonException("Empty history event.");

    /// <summary>Appends an event and returns its canonical JSON, valid until the next call, so a store can keep the very bytes hashed.</summary>
    public ReadOnlySpan<byte> Append(HistoryEvent e)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, e, HistoryJsonContext.Default.HistoryEvent);
        _writer.Flush();
        AppendCanonical(_buffer.WrittenSpan);
        return _buffer.WrittenSpan;
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

    public void Dispose()
    {
        _writer.Dispose();
        _hash.Dispose();
    }
}
