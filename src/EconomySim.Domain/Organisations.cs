namespace EconomySim.Domain;

public enum OrganisationKind
{
    NationalFunder = 0,
    Commissioner = 1,
    Trust = 2,
    GpFederation = 3,
    Council = 4,
}

public enum TrustType
{
    Acute = 0,
    Community = 1,
    MentalHealth = 2,
}

/// <summary>
/// What never changes about an organisation during a run: its identity, place and size. Index is dense (0..N-1) and is
/// the organisation's position in the canonical order used for sorting messages and combining digests.
/// </summary>
public abstract record OrganisationProfile(int Index, string Code, string Name, string Region)
{
    public abstract OrganisationKind Kind { get; }
}

public sealed record NationalFunderProfile(int Index, string Code, string Name)
    : OrganisationProfile(Index, Code, Name, "England")
{
    public override OrganisationKind Kind => OrganisationKind.NationalFunder;
}

/// <param name="NeedIndex">Weighted-capitation need relative to the national average (1.0).</param>
/// <param name="InitialShareOfEnvelope">The commissioner's share of the national envelope in the first year, before pace of change moves it towards its target.</param>
public sealed record CommissionerProfile(
    int Index, string Code, string Name, string Region,
    long Population, double NeedIndex, double InitialShareOfEnvelope)
    : OrganisationProfile(Index, Code, Name, Region)
{
    public override OrganisationKind Kind => OrganisationKind.Commissioner;
}

/// <param name="Commissioner">Index of the commissioner that holds the trust's main contract (its host system).</param>
/// <param name="ShareOfTypeBudget">The trust's share of its commissioner's budget for trusts of its type.</param>
public sealed record TrustProfile(
    int Index, string Code, string Name, string Region,
    TrustType Type, int Commissioner, int Beds, double MarketForcesFactor,
    bool HasEmergencyDepartment, bool HasMaternityUnit, double ShareOfTypeBudget)
    : OrganisationProfile(Index, Code, Name, Region)
{
    public override OrganisationKind Kind => OrganisationKind.Trust;
}

/// <param name="AcuteTrusts">Indexes of the acute trusts the federation refers to.</param>
/// <param name="ReferralWeights">Share of referrals sent to each of <paramref name="AcuteTrusts"/>.</param>
public sealed record GpFederationProfile(
    int Index, string Code, string Name, string Region,
    int Commissioner, long ListSize, double NeedIndex,
    IReadOnlyList<int> AcuteTrusts, IReadOnlyList<double> ReferralWeights)
    : OrganisationProfile(Index, Code, Name, Region)
{
    public override OrganisationKind Kind => OrganisationKind.GpFederation;
}

/// <param name="AcuteTrusts">Acute trusts whose discharges depend on this council's care supply.</param>
/// <param name="DischargeWeights">Share of the council's care capacity that serves each of <paramref name="AcuteTrusts"/>.</param>
public sealed record CouncilProfile(
    int Index, string Code, string Name, string Region,
    int Commissioner, long Population, long OlderPopulation, double Deprivation,
    IReadOnlyList<int> AcuteTrusts, IReadOnlyList<double> DischargeWeights)
    : OrganisationProfile(Index, Code, Name, Region)
{
    public override OrganisationKind Kind => OrganisationKind.Council;
}
