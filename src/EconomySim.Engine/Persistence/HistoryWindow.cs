namespace EconomySim.Engine.Persistence;

/// <summary>
/// How far a run's stored history trails its computation. It knows which organisations hold events not yet written,
/// which history writes are in flight and for which phase, and which closed phases wait for their events to be durable.
/// The clock asks it whether the next phase may start and which closed phases may now be recorded.
/// </summary>
/// <remarks>
/// The history may trail the computation by one write: the run goes on while one is being written, but not past the
/// next until it is durable. The overlap keeps both cores busy and lets the journal gather many organisations' entries
/// into one insert, and the bound keeps the journal's queue from overflowing. A phase is recorded closed only once no
/// organisation holds events of it and every write carrying its events is durable, so a closed phase in the store
/// always has its whole history. A write carries events from the first phase its organisation held events in, which
/// with a month or year cadence is long before the phase after which it is written.
/// </remarks>
public sealed class HistoryWindow
{
    private readonly int _phases;
    private readonly int _queueCapacity;
    // Entries being written, by the phase after which they were written, with the earliest phase whose events they carry.
    private readonly SortedDictionary<int, (int Entries, int EarliestCarried)> _inFlight = [];
    private int _inFlightTotal;
    private readonly Queue<PhaseClosed> _closedAwaitingDurability = new();
    // Organisations holding events not yet written, by index, and the phase of the earliest event each holds.
    private readonly bool[] _holding;
    private readonly int[] _holdingSince;
    private int _lastWrite = -1;

    /// <param name="organisations">How many organisations write history.</param>
    /// <param name="phases">Phases in the run's calendar.</param>
    /// <param name="queueCapacity">Entries the journal can queue; every organisation must be able to write once more.</param>
    public HistoryWindow(int organisations, int phases, int queueCapacity)
    {
        _holding = new bool[organisations];
        _holdingSince = new int[organisations];
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
                WriteStarted(phase, 1, _holding[organisation] ? _holdingSince[organisation] : phase);
                _holding[organisation] = false;
                break;
            case UnwrittenEvents.Held when !_holding[organisation]:
                _holding[organisation] = true;
                _holdingSince[organisation] = phase;
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
        var earliest = phase;
        for (var index = 0; index < _holding.Length; index++)
        {
            if (!_holding[index]) continue;
            _holding[index] = false;
            earliest = Math.Min(earliest, _holdingSince[index]);
            writing.Add(index);
        }
        if (writing.Count > 0) WriteStarted(phase, writing.Count, earliest);
        _lastWrite = phase;
        return writing;
    }

    /// <summary>A phase closed; its record waits until every event of it is durable.</summary>
    public void Closed(PhaseClosed closed) => _closedAwaitingDurability.Enqueue(closed);

    /// <summary>One entry written after <paramref name="phase"/> is durable.</summary>
    public void Durable(int phase)
    {
        var (entries, earliest) = _inFlight[phase];
        if (entries == 1) _inFlight.Remove(phase);
        else _inFlight[phase] = (entries - 1, earliest);
        _inFlightTotal--;
    }

    /// <summary>
    /// Takes, in order, each closed phase whose organisations' events are all written and durable: the history has been
    /// due since (so nobody holds its events), and no write in flight carries events of it or of an earlier phase. Null
    /// if none.
    /// </summary>
    public List<PhaseClosed>? TakeDurableClosed()
    {
        // Which entry of a phase's writes a HistoryDurable answers is not known, so a phase's writes carry, until all
        // are durable, the earliest events any of them carries.
        var earliestInFlight = int.MaxValue;
        foreach (var (_, (_, earliest)) in _inFlight) earliestInFlight = Math.Min(earliestInFlight, earliest);
        List<PhaseClosed>? durable = null;
        while (_closedAwaitingDurability.TryPeek(out var closed)
               && closed.Phase <= _lastWrite
               && closed.Phase < earliestInFlight)
            (durable ??= []).Add(_closedAwaitingDurability.Dequeue());
        return durable;
    }

    private void WriteStarted(int phase, int entries, int earliestCarried)
    {
        var (inFlight, earliest) = _inFlight.GetValueOrDefault(phase, (0, earliestCarried));
        _inFlight[phase] = (inFlight + entries, Math.Min(earliest, earliestCarried));
        _inFlightTotal += entries;
    }
}
