using System.Buffers;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// The events an organisation has recorded since its last journal entry, kept as the very canonical bytes it hashed,
/// until its history is due and they are written as one entry.
/// </summary>
public sealed class HeldEvents
{
    // Comma-separated canonical JSON, ready to go between the entry's brackets.
    private readonly ArrayBufferWriter<byte> _json = new();

    /// <summary>Events held.</summary>
    public int Count { get; private set; }

    /// <summary>Keeps an event's canonical bytes, exactly as hashed.</summary>
    public void Hold(ReadOnlySpan<byte> json)
    {
        if (Count++ > 0) _json.Write(","u8);
        _json.Write(json);
    }

    /// <summary>Takes every held event as one entry written after <paramref name="phase"/>, leaving none held.</summary>
    public EventsRecorded Take(int phase)
    {
        var entry = EventsRecorded.Compose(phase, _json.WrittenSpan);
        _json.ResetWrittenCount();
        Count = 0;
        return entry;
    }
}
