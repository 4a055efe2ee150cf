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
        }
    }

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
