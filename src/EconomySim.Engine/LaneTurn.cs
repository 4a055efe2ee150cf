using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

/// <summary>
/// One lane's share of the phase now running in a relayed run: the lane's woken organisations not yet started, and how
/// many have yet to complete. The lane's relay opens the turn when the clock wakes the lane and starts the first
/// organisations; from then on each organisation, once it has acted, books its report into the lane's own books, starts
/// the next woken organisation and, at the last, tells the clock the lane has booked the phase. An activation costs one
/// actor message, its start, and a phase one message from each lane to the clock, where the clock booked every report
/// itself, read across from the other lane's core. Another lane's thread may run an organisation of this lane
/// (<see cref="SharedLanes"/>), so the turn is locked; the order reports are booked in never matters, so the history is
/// the same.
/// </summary>
/// <param name="clock">The run's clock, told when the lane has booked a phase.</param>
/// <param name="book">The lane's books, which its wakes take their organisations' letters from and its reports go into.</param>
public sealed class LaneTurn(IActorRef clock, LaneBook book)
{
    /// <summary>
    /// Organisations started at the turn's opening, each completion starting one more: the lane's thread serves its
    /// actors in turn, so a lane that started a whole phase at once would leave its first organisations' letters to be
    /// booked only after its last had acted, and the other lane's thread, were it to take some of this lane's work,
    /// nothing queued that it could help with until then.
    /// </summary>
    public const int InFlight = 32;

    private readonly Lock _lock = new();
    // Refilled at each phase's start: one list all run.
    private readonly List<(int Organisation, Delivery Mail)> _woken = [];
    private IReadOnlyList<IActorRef> _organisations = [];
    private CalendarPhase? _phase;
    private int _started;
    private int _outstanding;

    /// <summary>
    /// Wakes the lane's organisations that act in the phase, taking their letters from the lane's books, and says how
    /// many woke; none is started yet.
    /// </summary>
    /// <param name="organisations">Every organisation of the run, by index.</param>
    public int Open(CalendarPhase phase, IReadOnlyList<IActorRef> organisations)
    {
        lock (_lock)
        {
            _phase = phase;
            _organisations = organisations;
            _started = 0;
            _woken.Clear();
            _outstanding = book.Wake(phase, _woken);
            return _outstanding;
        }
    }

    /// <summary>Starts the turn's first organisations, as many as may be in flight at once.</summary>
    public void StartFirst()
    {
        for (var i = 0; i < InFlight; i++)
            if (!StartNext()) return;
    }

    /// <summary>An organisation of the lane has acted in the turn's phase: books its report, and starts the next woken one.</summary>
    public void Completed(PhaseCompleted completed)
    {
        (int Organisation, Delivery Mail)? next;
        Exception? refused = null;
        bool booked;
        lock (_lock)
        {
            var phase = _phase ?? throw new InvalidOperationException("A lane's organisation completed before the lane was woken.");
            try
            {
                book.Completed(phase, completed.Report, completed.TraceParents);
            }
            catch (Exception e) when (e is MoneyNotConservedException or ArgumentException)
            {
                refused = e;
            }
            next = TakeNext();
            booked = --_outstanding == 0;
            if (booked) _woken.Clear();
        }
        if (refused is not null) clock.Tell(new LaneBookingRefused(completed.Phase, completed.Report.Organisation, refused));
        // The next organisation is started before the lane says it has booked the phase: once the clock has heard from
        // every lane it may open the next phase, and nothing of this one must be left to do then.
        if (next is { } n) Start(n.Organisation, completed.Phase, n.Mail);
        if (booked) clock.Tell(new LaneBooked(completed.Phase));
    }

    private bool StartNext()
    {
        (int Organisation, Delivery Mail)? next;
        int phase;
        lock (_lock)
        {
            next = TakeNext();
            phase = _phase?.Index ?? -1;
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
