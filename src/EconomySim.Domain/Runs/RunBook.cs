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

/// <summary>
/// The books of a run: the letters and the money on their way to each organisation (the letters kept in a
/// <see cref="LetterPost"/> until their recipient acts), which organisations a phase wakes and the letters each reads,
/// the outcome table per tick, and the check that money is conserved at the end of every phase. Shared by the actor
/// clock and the sequential reference loop. Kept in one <see cref="LaneBook"/> for every organisation, or, for a run
/// whose organisations are dealt to lanes that act at once, in one a lane, which the lane wakes and books alone; the
/// run's totals and the conservation check are the lanes' summed.
/// </summary>
public sealed class RunBook
{
    private readonly LaneBook[] _lanes;
    // Each organisation's lane, and its place among that lane's organisations.
    private readonly int[] _laneOf;
    private readonly int[] _placeInLane;

    /// <summary>Books kept whole, in one lane.</summary>
    public RunBook(EconomyIndex economy) : this(economy, 1, new int[economy.Count])
    {
    }

    /// <summary>Books kept in <paramref name="lanes"/> lanes, each organisation's in the lane <paramref name="laneOf"/> gives it.</summary>
    public RunBook(EconomyIndex economy, int lanes, IReadOnlyList<int> laneOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        if (laneOf.Count != economy.Count)
            throw new ArgumentException($"{laneOf.Count} lanes were given for {economy.Count} organisations.", nameof(laneOf));
        Economy = economy;
        Ticks = economy.Calendar[^1].Tick + 1;
        Groups = OutcomeGroups.Of(economy);
        _laneOf = [.. laneOf];
        _placeInLane = new int[economy.Count];
        var members = new List<int>[lanes];
        for (var lane = 0; lane < lanes; lane++) members[lane] = [];
        for (var i = 0; i < economy.Count; i++)
        {
            var lane = _laneOf[i];
            if (lane < 0 || lane >= lanes)
                throw new ArgumentException($"{economy[i].Code} was given lane {lane}, where there are lanes 0 to {lanes - 1}.", nameof(laneOf));
            _placeInLane[i] = members[lane].Count;
            members[lane].Add(i);
        }
        _lanes = new LaneBook[lanes];
        for (var lane = 0; lane < lanes; lane++) _lanes[lane] = new LaneBook(this, lane, [.. members[lane]], lanes);
    }

    internal EconomyIndex Economy { get; }

    /// <summary>The books of each lane.</summary>
    public IReadOnlyList<LaneBook> Lanes => _lanes;

    /// <summary>The (organisation kind, region) pairs whose outcomes the book also keeps apart, for breakdowns.</summary>
    public OutcomeGroups Groups { get; }

    public int Ticks { get; }
    public long LettersDelivered => Sum(l => l.LettersDelivered);
    public long MessagesSent => Sum(l => l.MessagesSent);
    public long EventsRecorded => Sum(l => l.EventsRecorded);
    public int PhasesConserved { get; private set; }

    internal int PlaceInLane(int organisation, out int lane)
    {
        lane = _laneOf[organisation];
        return _placeInLane[organisation];
    }

    /// <summary>
    /// Fills <paramref name="woken"/> (emptied first) with the organisations that act in a phase, lane by lane and in
    /// index order within each, each with every letter sent to it and not yet read. The caller keeps the list from phase
    /// to phase and empties it once the letters are handed on: a new list each phase was, at 165,501 organisations, a
    /// large-object allocation of megabytes a phase, which only a full collection reclaims.
    /// </summary>
    public void Wake(CalendarPhase phase, List<(int Organisation, Delivery Mail)> woken)
    {
        woken.Clear();
        foreach (var lane in _lanes) lane.Wake(phase, woken);
    }

    /// <summary>Takes an activation's report into its organisation's lane, and posts its letters.</summary>
    /// <param name="traceParents">The trace context each letter carries (or null), where the activation was traced.</param>
    public void Completed(CalendarPhase phase, ActivationReport report, string?[]? traceParents = null) =>
        _lanes[_laneOf[report.Organisation]].Completed(phase, report, traceParents);

    /// <summary>
    /// At the end of every phase: the cash every organisation holds plus the money in letters not yet delivered equals
    /// the money that entered the economy less the money that left it.
    /// </summary>
    public void EndPhase(CalendarPhase phase)
    {
        var cash = Sum(l => l.Cash);
        var inFlight = Sum(l => l.InFlight);
        var netInflow = Sum(l => l.ExternalIncome) - Sum(l => l.ExternalSpending);
        if (cash + inFlight != netInflow)
            throw new MoneyNotConservedException(
                $"After {phase}: organisations hold {new Money(cash)} and {new Money(inFlight)} is in flight, but {new Money(netInflow)} entered the economy net.");
        PhasesConserved++;
    }

    public Money MoneyInFlight => new(Sum(l => l.InFlight));
    public Money TotalCash => new(Sum(l => l.Cash));
    public Money NetExternalInflow => new(Sum(l => l.ExternalIncome) - Sum(l => l.ExternalSpending));

    public long Outcome(int tick, Metric metric)
    {
        var total = 0L;
        foreach (var lane in _lanes) total = checked(total + lane.Outcome(tick, (int)metric));
        return total;
    }

    /// <summary>The contribution of one (organisation kind, region) group to a metric in a tick; over all groups they add up to <see cref="Outcome(int, Metric)"/>.</summary>
    public long Outcome(int tick, int group, Metric metric)
    {
        var total = 0L;
        foreach (var lane in _lanes) total = checked(total + lane.Outcome(tick, group, (int)metric));
        return total;
    }

    public RunOutcomes Outcomes() => RunOutcomes.FromTicks(Economy.Parameters.StartYear, Economy.Parameters.Years, Ticks, Outcome);

    private long Sum(Func<LaneBook, long> tally)
    {
        var total = 0L;
        foreach (var lane in _lanes) total = checked(total + tally(lane));
        return total;
    }
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
