namespace EconomySim.Domain;

public enum PaymentRegime
{
    PaymentByResults = 0,
    Block = 1,
    Blended = 2,
    Capitation = 3,
}

public enum DecisionRule
{
    Unanimity = 0,
    QualifiedMajority = 1,
}

public enum VoteWeighting
{
    Budget = 0,
    Population = 1,
}

public enum BailoutRegime
{
    PerTrust = 0,
    SystemDistress = 1,
    HardBudget = 2,
}

public enum AllocationRegime
{
    /// <summary>National funder to commissioners by weighted capitation; councils funded separately.</summary>
    Central = 0,
    /// <summary>One pooled health and social care budget per system, jointly commissioned (Greater Manchester 2016).</summary>
    DevolvedPooled = 1,
}

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
    HealthParameters Health);

/// <param name="CommissionerAllocations">Total allocated to commissioners in the first year.</param>
/// <param name="AllocationGrowth">Cash growth of the envelope per year (0.03 = 3%).</param>
/// <param name="PaceOfChange">Fraction of each commissioner's distance from its target share closed per year.</param>
/// <param name="TariffUplift">Annual cost uplift applied to prices.</param>
/// <param name="EfficiencyFactor">Annual efficiency requirement deducted from the uplift.</param>
/// <param name="PublicHealthGrant">Public health grant to councils, whole economy, per year.</param>
/// <param name="SocialCareGrant">Grant to councils for adult social care, whole economy, per year.</param>
/// <param name="BailoutBaseProbability">Chance that a small deficit is covered after the year ends.</param>
/// <param name="BailoutProbabilityPerDeficitShare">How much that chance rises per unit of deficit over turnover.</param>
/// <param name="PumpPrimeFunding">One-off transformation money paid to commissioners in the first year (Greater Manchester asked £500m, got £450m).</param>
public sealed record FunderParameters(
    Money CommissionerAllocations,
    decimal AllocationGrowth,
    double PaceOfChange,
    decimal TariffUplift,
    decimal EfficiencyFactor,
    Money PublicHealthGrant,
    Money SocialCareGrant,
    double BailoutBaseProbability,
    double BailoutProbabilityPerDeficitShare,
    Money PumpPrimeFunding);

/// <summary>How a commissioner plans to spend its allocation; the shares of the allocation add up to 1.</summary>
/// <param name="PooledShare">Share of the allocation put into a pooled budget with councils (Better Care Fund style).</param>
/// <param name="OtherServicesShare">Share spent outside the modelled providers: prescribing, continuing healthcare, the independent sector.</param>
/// <param name="ReserveShare">Contingency held back and left unspent unless needed.</param>
/// <param name="ProposalProbability">Chance per year that a commissioner proposes a budget shift out of acute care.</param>
/// <param name="ProposedShift">Share of the acute budget that such a proposal moves to community and primary care.</param>
public sealed record CommissioningParameters(
    double AcuteShare,
    double CommunityShare,
    double MentalHealthShare,
    double PrimaryCareShare,
    double PreventionShare,
    double PooledShare,
    double OtherServicesShare,
    double ReserveShare,
    double ProposalProbability,
    double ProposedShift);

/// <summary>The payment regime and terms offered to each type of provider, and the rules of negotiation.</summary>
/// <param name="BlendedVariableRate">v: the share of price paid or clawed back per case above or below plan.</param>
/// <param name="CapitationDeadBand">Share of contract value within which over- or under-spend stays with the provider.</param>
/// <param name="CapitationSharedFraction">Share of the over- or under-spend beyond the dead band that the commissioner takes on.</param>
/// <param name="AcceptTolerance">A provider accepts an offer that covers expected cost less this share.</param>
/// <param name="RefuseThreshold">A provider refuses outright an offer short of expected cost by more than this share.</param>
/// <param name="MaxConcession">A commissioner agrees a counter-offer up to this share above its own offer; beyond it the difference is split.</param>
public sealed record ContractParameters(
    PaymentRegime Acute,
    PaymentRegime Community,
    PaymentRegime MentalHealth,
    PaymentRegime PrimaryCare,
    Money ElectivePrice,
    Money EmergencyPrice,
    Money AandEPrice,
    double BlendedVariableRate,
    double CapitationDeadBand,
    double CapitationSharedFraction,
    double AcceptTolerance,
    double RefuseThreshold,
    double MaxConcession)
{
    public PaymentRegime ForTrustType(TrustType type) => type switch
    {
        TrustType.Acute => Acute,
        TrustType.Community => Community,
        _ => MentalHealth,
    };
}

/// <param name="ElectiveMarginalCostShare">Marginal cost of an elective case as a share of its price.</param>
/// <param name="EmergencyMarginalCostShare">Marginal cost of an emergency admission as a share of its price.</param>
/// <param name="AltruismWeight">Weight a provider puts on patient benefit against surplus (0 to 1).</param>
/// <param name="ElectivePathwaysPerBedPerYear">Elective pathways (outpatient, day case and inpatient) a trust's staff can complete per bed per year.</param>
/// <param name="ElectiveBedDaysPerPathway">Mean general and acute bed-days an elective pathway uses (most need none: outpatient and day cases).</param>
/// <param name="EmergencyLengthOfStay">Mean bed-days per emergency admission.</param>
/// <param name="OccupancyTarget">Share of bed-days that can be used before a trust stops booking electives.</param>
/// <param name="DelayedDischargeShareOfBeds">Share of beds blocked by delayed discharges when social care supply is at its base level.</param>
/// <param name="SocialCareShareOfDelays">Share of delayed patients who wait for social care (about 37%); the rest wait inside the NHS.</param>
/// <param name="CareSupplyElasticity">Percent fewer social-care delays per percent more care supply (10% more beds, 6-9% fewer delays).</param>
/// <param name="WaitingDropOutRate">Share per month of patients waiting over 18 weeks who leave the list untreated.</param>
/// <param name="EfficiencyEffort">Share of cost a trust takes out each year under a hard budget.</param>
/// <param name="SoftBudgetEffortLoss">Share of that effort lost when the trust expects to be bailed out.</param>
/// <param name="VetoIncomeThreshold">A trust vetoes a reconfiguration that cuts its income by more than this share of turnover.</param>
/// <param name="InitialWaitingListPerHead">Elective waiting list per head of population at the start (about 7.5m for 57m people).</param>
public sealed record TrustParameters(
    double ElectiveMarginalCostShare,
    double EmergencyMarginalCostShare,
    double AltruismWeight,
    double ElectivePathwaysPerBedPerYear,
    double ElectiveBedDaysPerPathway,
    double EmergencyLengthOfStay,
    double OccupancyTarget,
    double DelayedDischargeShareOfBeds,
    double SocialCareShareOfDelays,
    double CareSupplyElasticity,
    double WaitingDropOutRate,
    double EfficiencyEffort,
    double SoftBudgetEffortLoss,
    double VetoIncomeThreshold,
    double InitialWaitingListPerHead);


/// <param name="AppointmentsPerHead">GP appointments wanted per registered patient per year.</param>
/// <param name="CapacityPerHead">GP appointments that can be offered per registered patient per year.</param>
/// <param name="ReferralsPerAppointment">Elective referrals per appointment.</param>
/// <param name="EmergencyAdmissionsPerHead">Emergency admissions per head per year before prevention.</param>
/// <param name="AvoidableShare">Share of emergency admissions that could be managed in the community (about 1 in 5).</param>
/// <param name="AandEAttendancesPerHead">Unplanned attendances per head per year at base GP access.</param>
/// <param name="AandEShareAfterFailedAccess">Share of unplanned attendances that follow a failed attempt to see a GP (about a quarter).</param>
/// <param name="FixedCostShare">Share of a GP federation's cost that does not vary with appointments.</param>
/// <param name="PreventionLagYears">Years before prevention money starts to reduce avoidable admissions.</param>
/// <param name="PreventionMaxEffect">Largest share of avoidable admissions prevention can remove.</param>
/// <param name="PreventionPoundsPerHeadForHalfEffect">Cumulative prevention spend per head that reaches half the largest effect.</param>
public sealed record PrimaryCareParameters(
    double AppointmentsPerHead,
    double CapacityPerHead,
    double ReferralsPerAppointment,
    double EmergencyAdmissionsPerHead,
    double AvoidableShare,
    double AandEAttendancesPerHead,
    double AandEShareAfterFailedAccess,
    double FixedCostShare,
    int PreventionLagYears,
    double PreventionMaxEffect,
    double PreventionPoundsPerHeadForHalfEffect);

/// <param name="OwnResources">Councils' own money for adult social care (council tax, business rates), whole economy, per year.</param>
/// <param name="CostPerPersonSupported">Gross cost of supporting one person for a year.</param>
/// <param name="NeedPerOlderPerson">People needing support per resident aged 65 or over.</param>
/// <param name="SupplyAdjustment">Fraction of the gap between funded and actual care supply closed per year.</param>
/// <param name="PublicHealthShareOfGrant">Share of the public health grant spent on prevention that buys health directly.</param>
public sealed record SocialCareParameters(
    Money OwnResources,
    Money CostPerPersonSupported,
    double NeedPerOlderPerson,
    double SupplyAdjustment,
    double PublicHealthShareOfGrant);

/// <param name="QualifiedMajority">Weighted share in favour needed under a qualified-majority rule (for example 2/3).</param>
/// <param name="SettlementHorizonYears">How many years ahead a settlement fixes allocations; sets how far agents look.</param>
public sealed record GovernanceParameters(
    AllocationRegime Allocation,
    DecisionRule DecisionRule,
    double QualifiedMajority,
    VoteWeighting Weighting,
    BailoutRegime Bailout,
    int SettlementHorizonYears);

/// <param name="PublicHealthPoundsPerQaly">Cost of a quality-adjusted life year bought by public health spending (about £3,800).</param>
/// <param name="NhsCarePoundsPerQaly">Cost of a quality-adjusted life year bought by NHS care (about £13,500).</param>
public sealed record HealthParameters(
    decimal PublicHealthPoundsPerQaly,
    decimal NhsCarePoundsPerQaly);

/// <summary>A whole synthetic economy, ready to run: who exists, how they relate, and every coefficient.</summary>
public sealed record EconomyDefinition(
    string ScenarioName,
    EconomyParameters Parameters,
    IReadOnlyList<OrganisationProfile> Organisations)
{
    public IEnumerable<T> OfKind<T>() where T : OrganisationProfile => Organisations.OfType<T>();
}
