namespace EconomySim.Domain.Runs;

/// <summary>Money was created or lost: a pound paid was not a pound received. Always a defect in the model.</summary>
public sealed class MoneyNotConservedException(string message) : Exception(message);

/// <summary>A letter an activation sent: its recipient, the money in it and what it says. The book posts it as a <see cref="Letter"/> from its sender in the phase.</summary>
public readonly record struct SentLetter(int Recipient, Money Money, LetterItems Items);

/// <summary>What one organisation reports when it finishes a phase.</summary>
/// <param name="Letters">The letters it sent, one to each recipient: with the money each carries in one array, where a
/// recipients', an amounts' and a letters' array of their own were a fifth of a run's allocation.</param>
/// <param name="OutcomeMetrics">The metrics it contributed to (a few of the catalogue's), in catalogue order.</param>
/// <param name="OutcomeValues">What it contributed to each of <paramref name="OutcomeMetrics"/>.</param>
public sealed record ActivationReport(
    int Organisation,
    SentLetter[] Letters,
    Money Received,
    Money Cash,
    Money TotalExternalIncome,
    Money TotalExternalSpending,
    int[] OutcomeMetrics,
    long[] OutcomeValues,
    int Events);

/// <summary>What waking some organisations took out of the post: the money in their letters, and how many letters.</summary>
public readonly record struct WakeTally(long Pence, long Letters);

/// <summary>
/// The clock's books for a run: the letters and the money on their way to each organisation (the letters kept in a
/// <see cref="LetterPost"/> until their recipient acts), which organisations a phase wakes and the letters each reads,
/// the outcome table per tick, and the check that money is conserved at the end of every phase. Shared by the actor
/// clock and the sequential reference loop; in a run spread over lanes, each lane wakes its own organisations
/// (<see cref="WakeAmong"/>) while the clock waits to book activations.
/// </summary>
public sealed class RunBook
{
    private readonly EconomyIndex _economy;
    // The letters on their way: the post holds each for its recipient, so the count awaiting one is the post's.
    private readonly LetterPost _post;
    private readonly long[] _pendingPence;
    private readonly long[] _expectedPence;
    private readonly long[] _cash;
    private readonly long[] _externalIncome;
    private readonly long[] _externalSpending;
    private readonly long[] _outcomes;
    private long _totalCash, _totalExternalIncome, _totalExternalSpending, _totalInFlight;
    private readonly int[] _groupOf;
    private readonly long[] _groupOutcomes;
    // Each organisation's kind side by side, so that a phase's wake reads one array rather than every profile.
    private readonly OrganisationKind[] _kindOf;
    // By phase kind, the organisations that may act in such a phase, in index order, and whether letters decide which
    // of them do: a month's payments concern 42 of England's 1,656 organisations, and looking at the others every
    // phase was most of the clock's counting and the lanes' waking.
    private readonly int[][] _mayActIn;
    private readonly bool[] _lettersDecide;

    public RunBook(EconomyIndex economy)
    {
        _economy = economy;
        var n = economy.Count;
        _post = new LetterPost(n);
        _pendingPence = new long[n];
        _expectedPence = new long[n];
        _cash = new long[n];
        _externalIncome = new long[n];
        _externalSpending = new long[n];
        Ticks = economy.Calendar[^1].Tick + 1;
        _outcomes = WrittenTally(Ticks * MetricCatalogue.Count);
        Groups = OutcomeGroups.Of(economy);
        _groupOf = new int[n];
        for (var i = 0; i < n; i++) _groupOf[i] = Groups.IndexOf(economy[i]);
        _groupOutcomes = WrittenTally(Ticks * Groups.Count * MetricCatalogue.Count);
        _kindOf = [.. economy.Profiles.Select(p => p.Kind)];
        var phaseKinds = Enum.GetValues<PhaseKind>();
        _lettersDecide = new bool[phaseKinds.Length];
        foreach (var phaseKind in phaseKinds)
            _lettersDecide[(int)phaseKind] = Enum.GetValues<OrganisationKind>()
                .Any(kind => Calendar.Acts(phaseKind, kind, hasMail: false) != Calendar.Acts(phaseKind, kind, hasMail: true));
        _mayActIn = MayAct([.. Enumerable.Range(0, n)]);
    }

    /// <summary>
    /// By phase kind (<see cref="PhaseKind"/> as an index), those of <paramref name="organisations"/> that may act in a
    /// phase of that kind, with letters or without, in the order given: a phase's wake need look at no others.
    /// </summary>
    public int[][] MayAct(ReadOnlySpan<int> organisations)
    {
        var phaseKinds = Enum.GetValues<PhaseKind>();
        var mayAct = new int[phaseKinds.Length][];
        var kinds = _kindOf;
        foreach (var phaseKind in phaseKinds)
        {
            var members = new List<int>();
            foreach (var i in organisations)
                if (Calendar.Acts(phaseKind, kinds[i], hasMail: true)) members.Add(i);
            mayAct[(int)phaseKind] = [.. members];
        }
        return mayAct;
    }

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

    /// <summary>The (organisation kind, region) pairs whose outcomes the book also keeps apart, for breakdowns.</summary>
    public OutcomeGroups Groups { get; }

    public int Ticks { get; }
    public long LettersDelivered { get; private set; }
    public long MessagesSent { get; private set; }
    public long EventsRecorded { get; private set; }
    public int PhasesConserved { get; private set; }

    /// <summary>
    /// Fills <paramref name="woken"/> (emptied first) with the organisations that act in a phase, in index order, each with
    /// every letter sent to it and not yet read. The caller keeps the list from phase to phase and empties it once the
    /// letters are handed on: a new list each phase was, at 165,501 organisations, a large-object allocation of
    /// megabytes a phase, which only a full collection reclaims.
    /// </summary>
    public void Wake(CalendarPhase phase, List<(int Organisation, Delivery Mail)> woken) => Woke(WakeAmong(phase, _mayActIn[(int)phase.Kind], woken));

    /// <summary>How many organisations a phase wakes, with the letters held now: what <see cref="Wake"/> would wake.</summary>
    public int CountWoken(CalendarPhase phase)
    {
        var mayAct = _mayActIn[(int)phase.Kind];
        if (!_lettersDecide[(int)phase.Kind]) return mayAct.Length;
        var count = 0;
        foreach (var i in mayAct)
            if (ActsIn(phase, i)) count++;
        return count;
    }

    /// <summary>
    /// <see cref="Wake"/> for some of the organisations (<paramref name="organisations"/>, in index order), leaving the
    /// book's totals to <see cref="Woke"/>: it writes only what belongs to those organisations, so several callers may
    /// wake disjoint sets of organisations at once, on different threads, while no activation is being booked.
    /// </summary>
    /// <returns>What the wake took out of the post, for <see cref="Woke"/>.</returns>
    public WakeTally WakeAmong(CalendarPhase phase, ReadOnlySpan<int> organisations, List<(int Organisation, Delivery Mail)> woken)
    {
        woken.Clear();
        long pence = 0, letters = 0;
        foreach (var i in organisations)
        {
            if (!ActsIn(phase, i)) continue;
            var mail = _post.Deliver(i);
            woken.Add((i, mail));
            _expectedPence[i] = _pendingPence[i];
            pence += _pendingPence[i];
            letters += mail.Letters.Count;
            _pendingPence[i] = 0;
        }
        return new WakeTally(pence, letters);
    }

    private bool ActsIn(CalendarPhase phase, int organisation) =>
        Calendar.Acts(phase.Kind, _kindOf[organisation], hasMail: _post.Held(organisation) > 0);

    /// <summary>Takes into the book's totals what a <see cref="WakeAmong"/> delivered: the money is no longer in flight.</summary>
    public void Woke(WakeTally tally)
    {
        _totalInFlight -= tally.Pence;
        LettersDelivered += tally.Letters;
    }

    /// <summary>Takes an activation's report and posts its letters.</summary>
    /// <param name="traceParents">The trace context each letter carries (or null), where the activation was traced.</param>
    public void Completed(CalendarPhase phase, ActivationReport report, string?[]? traceParents = null)
    {
        var org = report.Organisation;
        var letters = report.Letters;
        if (traceParents is not null && traceParents.Length != letters.Length)
            throw new ArgumentException($"{_economy[org].Code} sent {letters.Length} letters but traced {traceParents.Length}.", nameof(traceParents));
        if (report.Received.Pence != _expectedPence[org])
            throw new MoneyNotConservedException(
                $"{_economy[org].Code} received {report.Received} in {phase} but {new Money(_expectedPence[org])} was paid to it.");
        _expectedPence[org] = 0;
        // An organisation reports once it has acted: what it was delivered has been read.
        _post.Read(org);
        for (var i = 0; i < letters.Length; i++)
        {
            var (recipient, money, items) = letters[i];
            _post.Post(recipient, new Letter(phase.Index, org, items), traceParents?[i]);
            _pendingPence[recipient] = checked(_pendingPence[recipient] + money.Pence);
            _totalInFlight = checked(_totalInFlight + money.Pence);
        }
        MessagesSent += letters.Length;
        EventsRecorded += report.Events;
        _totalCash += report.Cash.Pence - _cash[org];
        _cash[org] = report.Cash.Pence;
        _totalExternalIncome += report.TotalExternalIncome.Pence - _externalIncome[org];
        _externalIncome[org] = report.TotalExternalIncome.Pence;
        _totalExternalSpending += report.TotalExternalSpending.Pence - _externalSpending[org];
        _externalSpending[org] = report.TotalExternalSpending.Pence;
        var offset = phase.Tick * MetricCatalogue.Count;
        var groupOffset = (phase.Tick * Groups.Count + _groupOf[org]) * MetricCatalogue.Count;
        for (var i = 0; i < report.OutcomeMetrics.Length; i++)
        {
            var m = report.OutcomeMetrics[i];
            _outcomes[offset + m] = checked(_outcomes[offset + m] + report.OutcomeValues[i]);
            _groupOutcomes[groupOffset + m] = checked(_groupOutcomes[groupOffset + m] + report.OutcomeValues[i]);
        }
    }

    /// <summary>
    /// At the end of every phase: the cash every organisation holds plus the money in letters not yet delivered equals
    /// the money that entered the economy less the money that left it.
    /// </summary>
    public void EndPhase(CalendarPhase phase)
    {
        var accounted = _totalCash + _totalInFlight;
        var netInflow = _totalExternalIncome - _totalExternalSpending;
        if (accounted != netInflow)
            throw new MoneyNotConservedException(
                $"After {phase}: organisations hold {new Money(_totalCash)} and {new Money(_totalInFlight)} is in flight, but {new Money(netInflow)} entered the economy net.");
        PhasesConserved++;
    }

    public Money MoneyInFlight => new(_totalInFlight);
    public Money TotalCash => new(_totalCash);
    public Money NetExternalInflow => new(_totalExternalIncome - _totalExternalSpending);

    public long Outcome(int tick, Metric metric) => _outcomes[tick * MetricCatalogue.Count + (int)metric];

    /// <summary>The contribution of one (organisation kind, region) group to a metric in a tick; over all groups they add up to <see cref="Outcome(int, Metric)"/>.</summary>
    public long Outcome(int tick, int group, Metric metric) => _groupOutcomes[(tick * Groups.Count + group) * MetricCatalogue.Count + (int)metric];

    public RunOutcomes Outcomes() => RunOutcomes.FromTicks(_economy.Parameters.StartYear, _economy.Parameters.Years, Ticks, Outcome);
}

/// <summary>
/// The (organisation kind, region) pairs present in an economy, in a fixed order (kind, then region in order of first
/// appearance), so breakdowns of outcomes keep a handful of groups however many organisations there are.
/// </summary>
public sealed class OutcomeGroups
{
    private readonly Dictionary<(OrganisationKind, string), int> _index = [];
    private readonly List<(OrganisationKind Kind, string Region)> _groups = [];

    private OutcomeGroups(EconomyIndex economy)
    {
        var regions = new List<string>();
        var present = new HashSet<(OrganisationKind, string)>();
        foreach (var p in economy.Profiles)
        {
            if (present.Add((p.Kind, p.Region)) && !regions.Contains(p.Region)) regions.Add(p.Region);
        }
        Regions = regions;
        foreach (var kind in Enum.GetValues<OrganisationKind>())
            foreach (var region in regions)
                if (present.Contains((kind, region)))
                {
                    _index[(kind, region)] = _groups.Count;
                    _groups.Add((kind, region));
                }
    }

    public static OutcomeGroups Of(EconomyIndex economy) => new(economy);

    public int Count => _groups.Count;
    public IReadOnlyList<string> Regions { get; }
    public (OrganisationKind Kind, string Region) this[int group] => _groups[group];
    public int IndexOf(OrganisationProfile organisation) => _index[(organisation.Kind, organisation.Region)];
}
