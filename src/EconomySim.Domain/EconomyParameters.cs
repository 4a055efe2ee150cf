namespace EconomySim.Domain;

/// <summary>Every coefficient of the model. Nothing numeric about the economy lives in code: it comes from the scenario file.</summary>
public sealed record EconomyParameters(
    int StartYear,
    int Years,
    FunderParameters Funder,
    CommissioningParameters Commissioning,
    ContractParameters Contracts,
    TrustParameters Trusts,
    PrimaryCareParameters PrimaryCare,
    SocialCareParameters SocialCare,
    GovernanceParameters Governance,
    HealthParameters Health,
    IReadOnlyList<PolicyChange> PolicyChanges,
    DemandParameters? Demand = null)
{
    /// <summary>Demography and demand per head; a scenario without a demand section has a population that never changes.</summary>
    public DemandParameters Growth => Demand ?? DemandParameters.Unchanging;

    /// <summary>The parameters in force in a financial year: the last policy change made at or before it, else these.</summary>
    public EconomyParameters In(int year)
    {
        var current = this;
        // By index: an empty array's enumerator is one object that every thread shares, and each MoveNext writes to it,
        // so two cores walking no policy changes at once pass its cache line back and forth.
        for (var i = 0; i < PolicyChanges.Count; i++)
            if (PolicyChanges[i].Year <= year) current = PolicyChanges[i].Parameters;
        return current;
    }
}

/// <summary>
/// A change of policy during a run, from the April of <paramref name="Year"/>: the whole parameter set in force from
/// then on (the scenario's values with the change's overrides), so before and after are one history.
/// </summary>
public sealed record PolicyChange(int Year, string Description, EconomyParameters Parameters);
