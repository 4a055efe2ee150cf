using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EconomySim.Domain;

/// <summary>
/// The letters an organisation reads when it acts, every one sent to it in earlier phases and not yet read. The run's
/// post keeps two for each recipient and uses them in turn (<see cref="Runs.LetterPost"/>), so that a run hands over
/// its letters without making an array for every recipient in every phase it acts in: at England's size that was a
/// tenth of a run's allocation, and at scale 100 arrays that lived through a phase and were promoted by the collector.
/// </summary>
[JsonConverter(typeof(InboxJsonConverter))]
[CollectionBuilder(typeof(Inbox), nameof(Create))]
public sealed class Inbox : IReadOnlyList<Letter>
{
    private Letter[] _letters;
    private int _count;

    internal Inbox() => _letters = [];

    private Inbox(Letter[] letters) => (_letters, _count) = (letters, letters.Length);

    /// <summary>An inbox with nothing in it, which nothing is ever posted to.</summary>
    public static Inbox Empty { get; } = new();

    /// <summary>An inbox of these letters, in this order: one that came over the wire or was written by hand.</summary>
    public static Inbox Create(ReadOnlySpan<Letter> letters) => letters.IsEmpty ? Empty : new(letters.ToArray());

    public static implicit operator Inbox(Letter[] letters) => Create(letters);

    public int Count => _count;

    public Letter this[int index] => (uint)index < (uint)_count ? _letters[index] : throw new ArgumentOutOfRangeException(nameof(index));

    internal void Add(Letter letter)
    {
        if (_count == _letters.Length) Array.Resize(ref _letters, Math.Max(4, _count * 2));
        _letters[_count++] = letter;
    }

    /// <summary>Empties the inbox for new letters, letting go of the items of those read.</summary>
    internal void Clear()
    {
        Array.Clear(_letters, 0, _count);
        _count = 0;
    }

    /// <summary>
    /// Puts the letters in canonical order (by the phase each was sent in, then by sender), each trace context with its
    /// letter, so that the order in which they were posted never changes what the recipient does with them. The
    /// recipient's host does it as the recipient acts: done by the post, it held up every phase's start while the clock
    /// sorted every recipient's letters one after another.
    /// </summary>
    /// <param name="traceParents">One trace context (or null) for each letter, or null when none carried one.</param>
    public void PutInCanonicalOrder(string?[]? traceParents)
    {
        if (_count < 2) return;
        var letters = _letters.AsSpan(0, _count);
        if (traceParents is null) letters.Sort();
        else letters.Sort(traceParents.AsSpan(0, _count));
    }

    public IEnumerator<Letter> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return _letters[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An inbox travels as the list of its letters.</summary>
public sealed class InboxJsonConverter : JsonConverter<Inbox>
{
    public override Inbox Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Letter[]>(ref reader, options) is { } letters ? Inbox.Create(letters) : Inbox.Empty;

    public override void Write(Utf8JsonWriter writer, Inbox value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);
}
