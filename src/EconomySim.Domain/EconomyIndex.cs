namespace EconomySim.Domain;

/// <summary>
/// Who relates to whom in an economy, computed once from its definition and shared read-only by every organisation.
/// All lists are in index order, so iterating them is deterministic.
/// </summary>
public sealed class EconomyIndex
{
    public EconomyDefinition Definition { get; }
    public EconomyParameters Parameters => Definition.Parameters;
    public IReadOnlyList<OrganisationProfile> Profiles => Definition.Organisations;
    public IReadOnlyList<CalendarPhase> Calendar { get; }
    public NationalFunderProfile Funder { get; }
    public IReadOnlyList<CommissionerProfile> Commissioners { get; }
    public IReadOnlyList<TrustProfile> Trusts { get; }
    public IReadOnlyList<GpFederationProfile> GpFederations { get; }
    public IReadOnlyList<CouncilProfile> Councils { get; }

    private readonly Dictionary<int, List<TrustProfile>> _trustsByCommissioner = new();
    private readonly Dictionary<int, List<GpFederationProfile>> _gpByCommissioner = new();
    private readonly Dictionary<int, List<CouncilProfile>> _councilsByCommissioner = new();
    private readonly Dictionary<int, List<GpFederationProfile>> _gpByAcuteTrust = new();
    private readonly Dictionary<int, long> _populationServed = new();
    private readonly Dictionary<int, double> _weightedPopulationServed = new();
    // Looked up by every organisation at every activation: found once a year here rather than by walking the policy
    // changes each time.
    private readonly EconomyParameters[] _parametersInYear;
    private readonly decimal[] _priceIndex;
    private readonly decimal[] _growthIndex;
    private readonly decimal[] _payFundingIndex;
    private readonly double[] _populationIndex;
    private readonly double[] _olderIndex;
    private readonly double[][] _demandIndex;
    private readonly double[] _staffIndex;
    private readonly double[] _bedIndex;
    private readonly double[] _inputCostIndex;
    private readonly double[] _careCostIndex;
    private readonly double[] _councilResourcesIndex;

    public EconomyIndex(EconomyDefinition definition)
    {
        Definition = definition;
        for (var i = 0; i < definition.Organisations.Count; i++)
            if (definition.Organisations[i].Index != i)
                throw new ArgumentException($"Organisation {definition.Organisations[i].Code} has index {definition.Organisations[i].Index} at position {i}.", nameof(definition));
        Calendar = Domain.Calendar.Build(definition.Parameters.StartYear, definition.Parameters.Years);
        Funder = definition.OfKind<NationalFunderProfile>().Single();
        Commissioners = definition.OfKind<CommissionerProfile>().ToList();
        Trusts = definition.OfKind<TrustProfile>().ToList();
        GpFederations = definition.OfKind<GpFederationProfile>().ToList();
        Councils = definition.OfKind<CouncilProfile>().ToList();
        foreach (var c in Commissioners)
        {
            _trustsByCommissioner[c.Index] = [];
            _gpByCommissioner[c.Index] = [];
            _councilsByCommissioner[c.Index] = [];
        }
        foreach (var t in Trusts)
        {
            _trustsByCommissioner[t.Commissioner].Add(t);
            _gpByAcuteTrust[t.Index] = [];
        }
        foreach (var g in GpFederations)
        {
            _gpByCommissioner[g.Commissioner].Add(g);
            foreach (var t in g.AcuteTrusts) _gpByAcuteTrust[t].Add(g);
        }
        foreach (var council in Councils) _councilsByCommissioner[council.Commissioner].Add(council);
        foreach (var t in Trusts)
        {
            double served = 0;
            foreach (var g in _gpByAcuteTrust[t.Index]) served += g.ListSize * ReferralWeight(g, t.Index);
            if (t.Type != TrustType.Acute)
                served = Commissioner(t.Commissioner).Population * t.ShareOfTypeBudget;
            _populationServed[t.Index] = (long)Math.Round(served);
            double weighted = 0;
            foreach (var g in _gpByAcuteTrust[t.Index]) weighted += g.ListSize * g.NeedIndex * ReferralWeight(g, t.Index);
            if (t.Type != TrustType.Acute)
                weighted = Commissioner(t.Commissioner).Population * Commissioner(t.Commissioner).NeedIndex * t.ShareOfTypeBudget;
            _weightedPopulationServed[t.Index] = weighted;
        }

        // Prices, allocations, demography, demand per head, capacity and input costs year by year: growth compounds from
        // the second year under the parameters in force that year, so a policy change moves them from its year on and
        // never rewrites the past; a level (a pandemic year) applies in the years it is in force.
        var years = definition.Parameters.Years;
        _parametersInYear = new EconomyParameters[years];
        for (var y = 0; y < years; y++) _parametersInYear[y] = definition.Parameters.In(definition.Parameters.StartYear + y);
        _priceIndex = new decimal[years];
        _growthIndex = new decimal[years];
        _payFundingIndex = new decimal[years];
        var demandKinds = Enum.GetValues<Economics.DemandKind>();
        _populationIndex = new double[years];
        _olderIndex = new double[years];
        _staffIndex = new double[years];
        _bedIndex = new double[years];
        _inputCostIndex = new double[years];
        _careCostIndex = new double[years];
        _councilResourcesIndex = new double[years];
        var trend = new double[demandKinds.Length];
        _demandIndex = demandKinds.Select(_ => new double[years]).ToArray();
        double totalPopulation = 0, totalOlder = 0;
        foreach (var c in Councils) { totalPopulation += c.Population; totalOlder += c.OlderPopulation; }
        CouncilsOlderPopulation = totalOlder;
        var olderShareAtStart = totalPopulation > 0 ? totalOlder / totalPopulation : 0;
        for (var y = 0; y < years; y++)
        {
            var p = ParametersIn(y);
            var d = p.Growth;
            if (y == 0)
            {
                _priceIndex[0] = _growthIndex[0] = _payFundingIndex[0] = 1m;
                _populationIndex[0] = _olderIndex[0] = _staffIndex[0] = _bedIndex[0] = _inputCostIndex[0] = _careCostIndex[0] = _councilResourcesIndex[0] = 1;
                Array.Fill(trend, 1.0);
            }
            else
            {
                var f = p.Funder;
                _priceIndex[y] = _priceIndex[y - 1] * (1m + f.TariffUplift - f.EfficiencyFactor);
                _growthIndex[y] = _growthIndex[y - 1] * (1m + f.AllocationGrowth);
                _payFundingIndex[y] = _payFundingIndex[y - 1] * (1m + (decimal)Economics.PayAwardFunding.AdditionRate(p.Trusts, f));
                _populationIndex[y] = _populationIndex[y - 1] * (1 + d.PopulationGrowth);
                _olderIndex[y] = _olderIndex[y - 1] * (1 + d.OlderPopulationGrowth);
                _staffIndex[y] = _staffIndex[y - 1] * (1 + p.Trusts.StaffGrowth);
                _bedIndex[y] = _bedIndex[y - 1] * (1 + p.Trusts.BedGrowth);
                _inputCostIndex[y] = _inputCostIndex[y - 1] * (1 + p.Trusts.InputCostInflation(p.Funder));
                _careCostIndex[y] = _careCostIndex[y - 1] * (1 + (p.SocialCare.CostInflation ?? (double)p.Funder.TariffUplift));
                _councilResourcesIndex[y] = _councilResourcesIndex[y - 1] * (1 + (p.SocialCare.OwnResourcesGrowth ?? (double)p.Funder.AllocationGrowth));
                foreach (var kind in demandKinds) trend[(int)kind] *= 1 + Economics.Demography.GrowthPerHead(d, kind);
            }
            var olderShare = olderShareAtStart * _olderIndex[y] / _populationIndex[y];
            var ageMix = Economics.Demography.AgeMixFactor(olderShare, olderShareAtStart, d.OlderRelativeUse);
            foreach (var kind in demandKinds)
                _demandIndex[(int)kind][y] = _populationIndex[y] * ageMix * trend[(int)kind] * Economics.Demography.Level(d, kind);
        }
    }

    private static int Clamp(int yearIndex, int length) => Math.Clamp(yearIndex, 0, length - 1);

    /// <summary>Population relative to the first year.</summary>
    public double PopulationIndex(int yearIndex) => _populationIndex[Clamp(yearIndex, _populationIndex.Length)];

    /// <summary>
    /// Residents aged 65 and over in every council's area at the start, summed once here: each council's share of councils'
    /// own care money is its part of this, and summing it in every council's planning made the run quadratic in councils.
    /// </summary>
    public double CouncilsOlderPopulation { get; }

    /// <summary>Population aged 65 and over relative to the first year.</summary>
    public double OlderPopulationIndex(int yearIndex) => _olderIndex[Clamp(yearIndex, _olderIndex.Length)];

    /// <summary>Demand of one kind relative to the first year: population, age mix, growth per head and this year's level.</summary>
    public double DemandIndex(Economics.DemandKind kind, int yearIndex) => _demandIndex[(int)kind][Clamp(yearIndex, _populationIndex.Length)];

    /// <summary>Clinical staff relative to the first year.</summary>
    public double StaffIndex(int yearIndex) => _staffIndex[Clamp(yearIndex, _staffIndex.Length)];

    /// <summary>General and acute beds relative to the first year.</summary>
    public double BedIndex(int yearIndex) => _bedIndex[Clamp(yearIndex, _bedIndex.Length)];

    /// <summary>Trusts' input costs (pay and prices) relative to the first year, before cost-cutting: the deflator of productivity.</summary>
    public double InputCostIndex(int yearIndex) => _inputCostIndex[Clamp(yearIndex, _inputCostIndex.Length)];

    /// <summary>The cost of a care package relative to the first year.</summary>
    public double CareCostIndex(int yearIndex) => _careCostIndex[Clamp(yearIndex, _careCostIndex.Length)];

    /// <summary>Councils' own money for care relative to the first year.</summary>
    public double CouncilResourcesIndex(int yearIndex) => _councilResourcesIndex[Clamp(yearIndex, _councilResourcesIndex.Length)];

    /// <summary>The parameters in force in a year of the run (0 for the first), after any policy changes.</summary>
    public EconomyParameters ParametersIn(int yearIndex) =>
        yearIndex >= 0 && yearIndex < _parametersInYear.Length ? _parametersInYear[yearIndex] : Parameters.In(Parameters.StartYear + yearIndex);

    /// <summary>Prices relative to the first year: cost uplift less efficiency, compounded under each year's parameters.</summary>
    public decimal PriceIndex(int yearIndex) => _priceIndex[Clamp(yearIndex, _priceIndex.Length)];

    /// <summary>Allocations relative to the first year: cash growth compounded under each year's parameters.</summary>
    public decimal GrowthIndex(int yearIndex) => _growthIndex[Clamp(yearIndex, _growthIndex.Length)];


    /// <summary>
    /// Allocations with the recurrent additions that funded pay awards above their settlements, relative to the
    /// settlement alone (1 when no award exceeded its settlement).
    /// </summary>
    public decimal PayFundingIndex(int yearIndex) => _payFundingIndex[Clamp(yearIndex, _payFundingIndex.Length)];

    /// <summary>Need-weighted population a trust serves: what a capitated budget is set on.</summary>
    public double WeightedPopulationServed(int trust) => _weightedPopulationServed[trust];

    private Economics.AreaDeprivation? _deprivation;

    /// <summary>Each council's and commissioner's population over the national deprivation fifths, computed on first use.</summary>
    /// <remarks>Read before the initializer is reached: its factory is a delegate over this economy, made each time the
    /// initializer is called, and every trust and council asks for the fifths each month (3.4 MB of an England run).</remarks>
    public Economics.AreaDeprivation Deprivation =>
        Volatile.Read(ref _deprivation) ?? LazyInitializer.EnsureInitialized(ref _deprivation, () => new Economics.AreaDeprivation(this));

    public OrganisationProfile this[int index] => Definition.Organisations[index];
    public int Count => Definition.Organisations.Count;

    public CommissionerProfile Commissioner(int index) => (CommissionerProfile)Definition.Organisations[index];
    public IReadOnlyList<TrustProfile> TrustsOf(int commissioner) => _trustsByCommissioner[commissioner];
    public IReadOnlyList<GpFederationProfile> GpFederationsOf(int commissioner) => _gpByCommissioner[commissioner];
    public IReadOnlyList<CouncilProfile> CouncilsOf(int commissioner) => _councilsByCommissioner[commissioner];
    public IReadOnlyList<GpFederationProfile> GpFederationsReferringTo(int acuteTrust) => _gpByAcuteTrust[acuteTrust];
    public long PopulationServed(int trust) => _populationServed[trust];

    public static double ReferralWeight(GpFederationProfile gp, int trust)
    {
        double total = 0, mine = 0;
        for (var i = 0; i < gp.AcuteTrusts.Count; i++)
        {
            total += gp.ReferralWeights[i];
            if (gp.AcuteTrusts[i] == trust) mine += gp.ReferralWeights[i];
        }
        return total > 0 ? mine / total : 0;
    }
}
