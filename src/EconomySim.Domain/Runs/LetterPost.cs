namespace EconomySim.Domain.Runs;

/// <summary>The letters an organisation reads in a phase, in the order they were posted, with the trace context each carried, if any.</summary>
/// <param name="TraceParents">One W3C traceparent (or null) per letter; null when no letter carried one.</param>
public readonly record struct Delivery(Letter[] Letters, string?[]? TraceParents)
{
    /// <summary>
    /// Puts a recipient's letters in canonical order (by the phase each was sent in, then by sender), each trace context
    /// with its letter, so that the order in which they were posted never changes what the recipient does with them.
    /// The recipient's host does it as the recipient acts: done by the post, it held up every phase's start while the
    /// clock sorted every recipient's letters one after another.
    /// </summary>
    public static void PutInCanonicalOrder(Letter[] letters, string?[]? traceParents)
    {
        if (letters.Length < 2) return;
        if (traceParents is null) Array.Sort(letters);
        else Array.Sort(letters, traceParents);
    }
}

/// <summary>
/// The run's post: every letter sent and not yet read, kept for its recipient until a phase wakes it, and then handed
/// over whole, so that a phase's start carries all the letters its organisation reads in it (one envelope per
/// recipient and phase) rather than each travelling on its own. A letter is read in a later phase than the one it was
/// sent in, so nothing posted during a phase is delivered in that phase.
/// </summary>
public sealed class LetterPost(int organisations)
{
    private readonly List<Letter>?[] _letters = new List<Letter>?[organisations];
    // Kept only for a recipient some letter of which carried a trace context: the letters a traced conversation sends.
    private readonly List<string?>?[] _traceParents = new List<string?>?[organisations];

    /// <summary>Letters held for this organisation.</summary>
    public int Held(int recipient) => _letters[recipient]?.Count ?? 0;

    public void Post(int recipient, Letter letter, string? traceParent = null)
    {
        var letters = _letters[recipient] ??= [];
        if (traceParent is not null && _traceParents[recipient] is null)
        {
            var parents = new List<string?>(letters.Count + 1);
            for (var i = 0; i < letters.Count; i++) parents.Add(null);
            _traceParents[recipient] = parents;
        }
        letters.Add(letter);
        _traceParents[recipient]?.Add(traceParent);
    }

    /// <summary>
    /// Takes every letter held for this organisation, in the order they were posted: its host puts them in canonical
    /// order before it reads them (<see cref="Delivery.PutInCanonicalOrder"/>).
    /// </summary>
    public Delivery Deliver(int recipient)
    {
        if (_letters[recipient] is not { Count: > 0 } letters) return new Delivery([], null);
        var delivered = letters.ToArray();
        letters.Clear();
        var parents = _traceParents[recipient]?.ToArray();
        _traceParents[recipient] = null;
        return new Delivery(delivered, parents);
    }
}
