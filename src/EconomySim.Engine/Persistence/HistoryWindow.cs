namespace EconomySim.Engine.Persistence;

/// <summary>
/// How far a run's stored history trails its computation. It knows which organisations hold events not yet written,
/// which history writes are in flight and for which phase, and which closed phases wait for their events to be durable.
/// The clock asks it whether the next phase may start and which closed phases may now be recorded.
/// </summary>
/// <remarks>
/// The history may trail the computation by one write: the run goes on while one is being written, but not past the
/// next until it is durable. The overlap keeps both cores busy and lets the journal gather many organisations' entries
/// into one insert, and the bound keeps the journal's queue from overflowing. A phase is recorded closed only once all
/// its events are durable, so a closed phase in the store always has its whole history.
/// </remarks>
public sealed class HistoryWindow
{
    private readonly int _phases;
    private readonly int _queueCapacity;
    // Entries being written, by the phase after which they were written.
    private readonly SortedDictionary<int, int> _inFlight = [];
    private int _inFlightTotal;
    private readonly Queue<PhaseClosed> _closedAwaitingDurability = new();
    // Organisations holding events not yet written, by index.
    private readonly bool[] _holding;
    private int _lastWrite = -1;

    /// <param name="organisations">How many organisations write history.</param>
    /// <param name="phases">Phases in the run's calendar.</param>
    /// <param name="queueCapacity">Entries the journal can queue; every organisation must be able to write once more.</param>
    public HistoryWindow(int organisations, int phases, int queueCapacity)
    {
        _holding = new bool[organisations];
        _phases = phases;
        _queueCapacity = queueCapacity;
    }

    /// <summary>Entries written and not yet durable.</summary>
    public int InFlight => _inFlightTotal;

    /// <summary>An organisation completed <paramref name="phase"/> and is writing, holding or without unwritten events.</summary>
    public void Reported(int organisation, int phase, UnwrittenEvents events)
    {
        switch (events)
        {
            case UnwrittenEvents.Writing:
                _holding[organisation] = false;
                WriteStarted(phase, 1);
                break;
            case UnwrittenEvents.Held:
                _holding[organisation] = true;
                break;
        }
    }

    /// <summary>
    /// Whether the history is far enough along for the phase after <paramref name="phase"/> to start: nothing older than
    /// the latest history write still in flight, and room in the journal's queue for every organisation to write once
    /// more. The run ends only when everything is durable.
    /// </summary>
    public bool CaughtUp(int phase)
    {
        if (_inFlightTotal == 0) return true;
        if (phase + 1 >= _phases) return false;
        return _inFlight.Keys.First() >= _lastWrite && _inFlightTotal + _holding.Length <= _queueCapacity;
    }

    /// <summary>
    /// The history is due after <paramref name="phase"/>: returns the organisations holding events, in index order, which
    /// must now write them, and counts their writes as in flight.
    /// </summary>
    public IReadOnlyList<int> WriteDue(int phase)
    {
        var writing = new List<int>();
        for (var index = 0; index < _holding.Length; index++)
        {
            if (!_holding[index]) continue;
            _holding[index] = false;
            writing.Add(index);
        }
        if (writing.Count > 0) WriteStarted(phase, writing.Count);
        _lastWrite = phase;
        return writing;
    }

    /// <summary>A phase closed; its record waits until every event of it is durable.</summary>
    public void Closed(PhaseClosed closed) => _closedAwaitingDurability.Enqueue(closed);

    /// <summary>One entry written after <paramref name="phase"/> is durable.</summary>
    public void Durable(int phase)
    {
        var left = _inFlight[phase] - 1;
        if (left == 0) _inFlight.Remove(phase);
        else _inFlight[phase] = left;
        _inFlightTotal--;
    }

    /// <summary>Takes, in order, each closed phase whose organisations' events are all written and durable; null if none.</summary>
    public List<PhaseClosed>? TakeDurableClosed()
    {
        List<PhaseClosed>? durable = null;
        while (_closedAwaitingDurability.TryPeek(out var closed)
               && closed.Phase <= _lastWrite
               && (_inFlight.Count == 0 || _inFlight.Keys.First() > closed.Phase))
            (durable ??= []).Add(_closedAwaitingDurability.Dequeue());
        return durable;
    }

    private void WriteStarted(int phase, int entries)
    {
        _inFlight[phase] = _inFlight.GetValueOrDefault(phase) + entries;
        _inFlightTotal += entries;
    }
}
