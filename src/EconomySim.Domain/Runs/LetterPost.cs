namespace EconomySim.Domain.Runs;

/// <summary>The letters an organisation reads in a phase, in the order they were posted, with the trace context each carried, if any.</summary>
/// <param name="TraceParents">One W3C traceparent (or null) per letter; null when no letter carried one.</param>
public readonly record struct Delivery(Inbox Letters, string?[]? TraceParents);

/// <summary>
/// The run's post: every letter sent and not yet read, kept for its recipient until a phase wakes it, and then handed
/// over whole, so that a phase's start carries all the letters its organisation reads in it (one envelope per
/// recipient and phase) rather than each travelling on its own. A letter is read in a later phase than the one it was
/// sent in, so nothing posted during a phase is delivered in that phase.
/// </summary>
/// <remarks>
/// Each recipient has two inboxes, used in turn: the one delivered is read while the other takes the letters posted
/// meanwhile, and it takes letters again only once the other is delivered. An organisation acts at most once a phase
/// and reads its letters only while it acts, and it is woken again only after the phase it read them in has closed, so
/// a delivery is the recipient's until its next one. Once it has acted its letters are let go (<see cref="Read"/>):
/// kept until its next delivery, a year away for some, the items they carry outlived their reading by months and the
/// collector promoted them: scale 10 peaked at 0.39 GiB against 0.27.
/// </remarks>
public sealed class LetterPost(int organisations)
{
    private readonly Inbox?[] _filling = new Inbox?[organisations];
    private readonly Inbox?[] _delivered = new Inbox?[organisations];
    // Kept only for a recipient some letter of which carried a trace context: the letters a traced conversation sends.
    private readonly List<string?>?[] _traceParents = new List<string?>?[organisations];

    /// <summary>Letters held for this organisation.</summary>
    public int Held(int recipient) => _filling[recipient]?.Count ?? 0;

    public void Post(int recipient, Letter letter, string? traceParent = null)
    {
        var letters = _filling[recipient] ??= new Inbox();
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
    /// order before it reads them (<see cref="Inbox.PutInCanonicalOrder"/>).
    /// </summary>
    public Delivery Deliver(int recipient)
    {
        if (_filling[recipient] is not { Count: > 0 } letters) return new Delivery(Inbox.Empty, null);
        var read = _delivered[recipient];
        read?.Clear();
        _delivered[recipient] = letters;
        _filling[recipient] = read;
        var parents = _traceParents[recipient]?.ToArray();
        _traceParents[recipient] = null;
        return new Delivery(letters, parents);
    }

    /// <summary>The recipient has acted on its last delivery: its letters are let go.</summary>
    public void Read(int recipient) => _delivered[recipient]?.Clear();
}
