using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EconomySim.Domain;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// The history a resumed organisation finds in its journal. The run computes every activation again; each event it
/// computes that the journal already holds must be the very bytes stored, and the journal must end between two
/// activations. Anything else means the run was written by other code, or the journal is damaged, and stops the run
/// naming the organisation and the first event that differs.
/// </summary>
/// <remarks>
/// Only a fingerprint of each stored event is kept (eight bytes of its SHA-256), not the event: a resumed England run
/// would otherwise hold its whole stored history in memory before it starts.
/// </remarks>
public sealed class ResumedHistory
{
    private readonly string _organisation;
    private readonly List<ulong> _events = [];

    /// <param name="organisation">The code of the organisation whose journal this is, for the report of a mismatch.</param>
    public ResumedHistory(string organisation) => _organisation = organisation;

    /// <summary>Events in the journal.</summary>
    public long Events => _events.Count;

    /// <summary>Adds, in order, the events of one journal entry read back.</summary>
    public void Recovered(EventsRecorded entry)
    {
        using var document = JsonDocument.Parse(entry.Json);
        foreach (var e in document.RootElement.GetProperty("events").EnumerateArray())
            _events.Add(Fingerprint(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e)));
    }

    /// <summary>Whether the journal holds the event at <paramref name="index"/> of the history (counting from 0), so it is checked and not written again.</summary>
    public bool Holds(long index) => index < _events.Count;

    /// <summary>
    /// Checks the event computed at <paramref name="index"/> of the history, in <paramref name="phase"/>, against the
    /// one stored there.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored event differs.</exception>
    public void Check(long index, ReadOnlySpan<byte> computed, CalendarPhase phase)
    {
        if (_events[checked((int)index)] == Fingerprint(computed)) return;
        throw new InvalidOperationException(
            $"{_organisation}: the stored history differs from what this version computes at event {index + 1} of its history, in phase {phase}, " +
            $"where it computes {Encoding.UTF8.GetString(computed)}; was the run written by another version of the model?");
    }

    /// <summary>Checks that the journal does not end inside an activation whose history runs from event <paramref name="before"/> to <paramref name="after"/>.</summary>
    /// <exception cref="InvalidOperationException">It ends inside that activation.</exception>
    public void CheckActivation(long before, long after)
    {
        if (before < _events.Count && _events.Count < after)
            throw new InvalidOperationException($"{_organisation}: the stored history ends inside an activation; the journal is inconsistent.");
    }

    private static ulong Fingerprint(ReadOnlySpan<byte> json)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
