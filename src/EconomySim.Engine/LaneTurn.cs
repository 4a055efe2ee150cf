using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// One lane's share of the phase now running in a relayed run: the lane's woken organisations not yet started, and the
/// completions not yet passed to the clock. The lane's relay opens the turn when the clock wakes the lane and starts the
/// first organisations; from then on each organisation, once it has acted, books its completion here, starts the next
/// woken organisation and, every <see cref="BatchSize"/> completions and at the last, passes the batch to the clock. An
/// activation costs one actor message, its start, where a completion sent back to the relay made it two and scheduled
/// the relay on the lane's thread each time. Another lane's thread may run an organisation of this lane
/// (<see cref="SharedLanes"/>), so the turn is locked; the order completions arrive in never matters to the clock, so the
/// history is the same.
/// </summary>
/// <param name="clock">The run's clock, which books the batches.</param>
/// <param name="book">The run's books, whose post the lane's wakes take their organisations' letters from.</param>
/// <param name="members">The lane's organisations, in index order.</param>
public sealed class LaneTurn(IActorRef clock, RunBook book, int[] members)
{
    /// <summary>
    /// Completions passed on at once: enough to make a hand-over between cores rare, few enough that the clock books
    /// a lane's first activations while the lanes are still acting.
    /// </summary>
    public const int BatchSize = 32;

    /// <summary>
    /// Organisations started at the turn's opening, each completion starting one more: the lane's thread serves its
    /// actors in turn, so a lane that started a whole phase at once would leave the clock on the first lane unable to
    /// book any batch until that lane's every organisation had acted, and the other lane idle meanwhile (scale 100 took
    /// a third longer that way).
    /// </summary>
    public const int InFlight = 32;

    private readonly Lock _lock = new();
    // By phase kind, the lane's organisations that may act in such a phase: a wake looks at no others.
    private readonly int[][] _mayAct = book.MayAct(members);
    // Refilled at each phase's start: one list all run.
    private readonly List<(int Organisation, Delivery Mail)> _woken = [];
    private readonly List<PhaseCompleted> _batch = new(BatchSize);
    private IReadOnlyList<IActorRef> _organisations = [];
    private int _phase = -1;
    private int _started;
    private int _outstanding;

    /// <summary>
    /// Wakes the lane's organisations that act in the phase, taking their letters from the run's post, and says how many
    /// woke and what they took; none is started yet.
    /// </summary>
    /// <param name="organisations">Every organisation of the run, by index.</param>
    public (int Woken, WakeTally Taken) Open(CalendarPhase phase, IReadOnlyList<IActorRef> organisations)
    {
        lock (_lock)
        {
            _phase = phase.Index;
            _organisations = organisations;
            _started = 0;
            var taken = book.WakeAmong(phase, _mayAct[(int)phase.Kind], _woken);
            _outstanding = _woken.Count;
            return (_woken.Count, taken);
        }
    }

    /// <summary>Starts the turn's first organisations, as many as may be in flight at once.</summary>
    public void StartFirst()
    {
        for (var i = 0; i < InFlight; i++)
            if (!StartNext()) return;
    }

    /// <summary>An organisation of the lane has acted in the turn's phase: books it, and starts the next woken one.</summary>
    public void Completed(PhaseCompleted completed)
    {
        PhaseCompleted[]? passed = null;
        (int Organisation, Delivery Mail)? next;
        lock (_lock)
        {
            next = TakeNext();
            _batch.Add(completed);
            if (--_outstanding == 0 || _batch.Count == BatchSize)
            {
                passed = [.. _batch];
                _batch.Clear();
            }
            if (_outstanding == 0) _woken.Clear();
        }
        // The next organisation is started before the batch is passed on: once the clock has the phase's last batch it
        // may open the next phase, and nothing of this one must be left to do then.
        if (next is { } n) Start(n.Organisation, completed.Phase, n.Mail);
        if (passed is not null) clock.Tell(new LaneCompleted(completed.Phase, passed));
    }

    private bool StartNext()
    {
        (int Organisation, Delivery Mail)? next;
        int phase;
        lock (_lock)
        {
            next = TakeNext();
            phase = _phase;
        }
        if (next is not { } n) return false;
        Start(n.Organisation, phase, n.Mail);
        return true;
    }

    private (int Organisation, Delivery Mail)? TakeNext()
    {
        if (_started >= _woken.Count) return null;
        var next = _woken[_started];
        // Held here until the phase ends, a start's letters would outlive their reading by the organisation.
        _woken[_started] = default;
        _started++;
        return next;
    }

    private void Start(int organisation, int phase, Delivery mail) =>
        _organisations[organisation].Tell(new PhaseStarted(phase, mail.Letters, TraceParents: mail.TraceParents));
}
