using System.Runtime.InteropServices;

namespace EconomySim.Domain.Runs;

/// <summary>
/// The books of one lane's organisations, in a run whose organisations are dealt to lanes that act at once: the letters
/// held for them and the money on its way to each, what each was last paid, the cash and the money each has taken in
/// from and paid out of the economy, and the lane's share of the run's totals and outcome tallies. The lane wakes its
/// own organisations from it and books their reports into it, so a report is read on the core that wrote it, where one
/// book kept by the clock read every report of the other lane's organisations from the other core's cache and wrote
/// every letter to it there, to be read back across when its recipient woke.
/// </summary>
/// <remarks>
/// A letter to another lane's organisation is left in a list kept for that lane and for the sent phase's parity, and the
/// recipient's lane takes it into its own post when it wakes in the next phase, while the sending lane fills the other
/// parity's list. Every lane wakes in every phase, and a phase starts only once every lane has booked the last, so the
/// list a lane takes from is never the list being written. A lane's book is written by one thread at a time, and
/// <see cref="RunBook"/> reads its totals only between phases.
/// </remarks>
public sealed class LaneBook
{
    private readonly RunBook _run;
    private readonly int _lane;
    // Each of the lane's organisations by its place in the lane ("local"), in index order.
    private readonly int[] _members;
    private readonly OrganisationKind[] _kindOf;
    private readonly int[] _groupOf;
    private readonly LetterPost _post;
    private readonly long[] _pendingPence;
    private readonly long[] _expectedPence;
    private readonly long[] _cash;
    private readonly long[] _externalIncome;
    private readonly long[] _externalSpending;
    // By phase kind, the lane's organisations (local) that may act in such a phase, with letters or without.
    private readonly int[][] _mayActIn;
    // By recipient lane and the sent phase's parity, letters to another lane's organisations.
    private readonly List<PostedAcross>[][] _across;
    private readonly long[] _outcomes;
    private readonly long[] _groupOutcomes;
    private Tallies _tallies;
    private int _lastWoken = -1;

    internal LaneBook(RunBook run, int lane, int[] members, int lanes)
    {
        _run = run;
        _lane = lane;
        _members = members;
        var economy = run.Economy;
        var n = members.Length;
        _kindOf = [.. members.Select(i => economy[i].Kind)];
        _groupOf = [.. members.Select(i => run.Groups.IndexOf(economy[i]))];
        _post = new LetterPost(n);
        _pendingPence = new long[n];
        _expectedPence = new long[n];
        _cash = new long[n];
        _externalIncome = new long[n];
        _externalSpending = new long[n];
        var phaseKinds = Enum.GetValues<PhaseKind>();
        _mayActIn = new int[phaseKinds.Length][];
        foreach (var phaseKind in phaseKinds)
            _mayActIn[(int)phaseKind] = [.. Enumerable.Range(0, n).Where(local => Calendar.Acts(phaseKind, _kindOf[local], hasMail: true))];
        _across = new List<PostedAcross>[lanes][];
        for (var to = 0; to < lanes; to++) _across[to] = to == lane ? [] : [new(), new()];
        _outcomes = WrittenTally(run.Ticks * MetricCatalogue.Count);
        _groupOutcomes = WrittenTally(run.Ticks * run.Groups.Count * MetricCatalogue.Count);
    }

    /// <summary>The organisations whose books these are, in index order.</summary>
    public IReadOnlyList<int> Members => _members;

    /// <summary>
    /// Adds to <paramref name="woken"/> the lane's organisations that act in a phase, in index order, each with every
    /// letter sent to it and not yet read, having first taken into the lane's post the letters other lanes' organisations
    /// sent its own in the phase before. Every phase must be woken, in order.
    /// </summary>
    /// <returns>How many organisations woke.</returns>
    public int Wake(CalendarPhase phase, List<(int Organisation, Delivery Mail)> woken)
    {
        if (phase.Index != _lastWoken + 1)
            throw new InvalidOperationException($"Lane {_lane} was asked to wake phase {phase.Index} after phase {_lastWoken}: every phase is woken, in order.");
        _lastWoken = phase.Index;
        if (phase.Index > 0) TakeLettersFromOtherLanes(phase.Index - 1);
        var before = woken.Count;
        ref var tallies = ref _tallies;
        foreach (var local in _mayActIn[(int)phase.Kind])
        {
            if (!Calendar.Acts(phase.Kind, _kindOf[local], hasMail: _post.Held(local) > 0)) continue;
            var mail = _post.Deliver(local);
            woken.Add((_members[local], mail));
            _expectedPence[local] = _pendingPence[local];
            tallies.InFlight -= _pendingPence[local];
            tallies.LettersDelivered += mail.Letters.Count;
            _pendingPence[local] = 0;
        }
        return woken.Count - before;
    }

    private void TakeLettersFromOtherLanes(int sentPhase)
    {
        foreach (var other in _run.Lanes)
        {
            if (other == this) continue;
            var letters = other._across[_lane][sentPhase & 1];
            foreach (var (recipient, letter, pence, traceParent) in CollectionsMarshal.AsSpan(letters))
            {
                _post.Post(recipient, letter, traceParent);
                _pendingPence[recipient] = checked(_pendingPence[recipient] + pence);
            }
            // Cleared by the reader, so that the items are let go and the sender finds the list empty two phases on.
            letters.Clear();
        }
    }

    /// <summary>Takes the report of one of the lane's organisations, and posts its letters.</summary>
    /// <param name="traceParents">The trace context each letter carries (or null), where the activation was traced.</param>
    public void Completed(CalendarPhase phase, ActivationReport report, string?[]? traceParents = null)
    {
        var org = report.Organisation;
        var letters = report.Letters;
        var local = _run.PlaceInLane(org, out var lane);
        if (lane != _lane)
            throw new ArgumentException($"{_run.Economy[org].Code} acts on lane {lane}, not lane {_lane}.", nameof(report));
        if (traceParents is not null && traceParents.Length != letters.Length)
            throw new ArgumentException($"{_run.Economy[org].Code} sent {letters.Length} letters but traced {traceParents.Length}.", nameof(traceParents));
        if (report.Received.Pence != _expectedPence[local])
            throw new MoneyNotConservedException(
                $"{_run.Economy[org].Code} received {report.Received} in {phase} but {new Money(_expectedPence[local])} was paid to it.");
        _expectedPence[local] = 0;
        // An organisation reports once it has acted: what it was delivered has been read.
        _post.Read(local);
        ref var tallies = ref _tallies;
        for (var i = 0; i < letters.Length; i++)
        {
            var (recipient, money, items) = letters[i];
            var letter = new Letter(phase.Index, org, items);
            var recipientPlace = _run.PlaceInLane(recipient, out var recipientLane);
            if (recipientLane == _lane)
            {
                _post.Post(recipientPlace, letter, traceParents?[i]);
                _pendingPence[recipientPlace] = checked(_pendingPence[recipientPlace] + money.Pence);
            }
            else
                _across[recipientLane][phase.Index & 1].Add(new PostedAcross(recipientPlace, letter, money.Pence, traceParents?[i]));
            tallies.InFlight = checked(tallies.InFlight + money.Pence);
        }
        tallies.MessagesSent += letters.Length;
        tallies.EventsRecorded += report.Events;
        tallies.Cash += report.Cash.Pence - _cash[local];
        _cash[local] = report.Cash.Pence;
        tallies.ExternalIncome += report.TotalExternalIncome.Pence - _externalIncome[local];
        _externalIncome[local] = report.TotalExternalIncome.Pence;
        tallies.ExternalSpending += report.TotalExternalSpending.Pence - _externalSpending[local];
        _externalSpending[local] = report.TotalExternalSpending.Pence;
        var offset = phase.Tick * MetricCatalogue.Count;
        var groupOffset = (phase.Tick * _run.Groups.Count + _groupOf[local]) * MetricCatalogue.Count;
        for (var i = 0; i < report.OutcomeMetrics.Length; i++)
        {
            var m = report.OutcomeMetrics[i];
            _outcomes[offset + m] = checked(_outcomes[offset + m] + report.OutcomeValues[i]);
            _groupOutcomes[groupOffset + m] = checked(_groupOutcomes[groupOffset + m] + report.OutcomeValues[i]);
        }
    }

    internal long Cash => _tallies.Cash;
    internal long InFlight => _tallies.InFlight;
    internal long ExternalIncome => _tallies.ExternalIncome;
    internal long ExternalSpending => _tallies.ExternalSpending;
    internal long LettersDelivered => _tallies.LettersDelivered;
    internal long MessagesSent => _tallies.MessagesSent;
    internal long EventsRecorded => _tallies.EventsRecorded;

    internal long Outcome(int tick, int metric) => _outcomes[tick * MetricCatalogue.Count + metric];

    internal long Outcome(int tick, int group, int metric) => _groupOutcomes[(tick * _run.Groups.Count + group) * MetricCatalogue.Count + metric];

    /// <summary>
    /// A tally of zeros whose pages are first touched by a write. A large array comes from memory the system has not yet
    /// touched, and a tally is added to (read, then written): a first read maps a shared page of zeros, and the write
    /// that follows must copy it and flush that page from every core the process runs on, an interrupt to the other
    /// lane's core each time (about 600 a warm England run on two lanes, counted in /proc/interrupts). The zeros are
    /// written here, once, rather than by the allocator and again here.
    /// </summary>
    private static long[] WrittenTally(int length)
    {
        var tally = GC.AllocateUninitializedArray<long>(length);
        tally.AsSpan().Clear();
        return tally;
    }

    /// <param name="Recipient">The recipient's place in its own lane.</param>
    private readonly record struct PostedAcross(int Recipient, Letter Letter, long Pence, string? TraceParent);

    /// <summary>
    /// The lane's shares of the run's totals, written at every booking, on cache lines of their own: beside another
    /// lane's book on the heap, they would pull its line to and fro between the cores.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Tallies
    {
        [FieldOffset(64)] public long Cash;
        [FieldOffset(72)] public long InFlight;
        [FieldOffset(80)] public long ExternalIncome;
        [FieldOffset(88)] public long ExternalSpending;
        [FieldOffset(96)] public long LettersDelivered;
        [FieldOffset(104)] public long MessagesSent;
        [FieldOffset(112)] public long EventsRecorded;
    }
}
