namespace EconomySim.Domain;

public enum PaymentRegime
{
    PaymentByResults = 0,
    Block = 1,
    Blended = 2,
    Capitation = 3,
    /// <summary>Payment by results, but emergency admissions above a baseline are paid at a fraction r of price.</summary>
    MarginalEmergencyRate = 4,
    /// <summary>A block with a withhold released by an outcome score; the contract fails when the score is too low.</summary>
    OutcomeBased = 5,
    /// <summary>The line's value is given to patients as personal budgets, which they spend across providers.</summary>
    PersonalBudgets = 6,
}

public enum DecisionRule
{
    Unanimity = 0,
    QualifiedMajority = 1,
    /// <summary>The national body decides: votes and vetoes are heard but do not bind.</summary>
    NationalOverride = 2,
}

/// <summary>Whose financial result decides whether transformation money is paid.</summary>
public enum ControlTotalLevel
{
    /// <summary>Each trust must meet its own control total.</summary>
    Trust = 0,
    /// <summary>The trusts of a system share one control total (Greater Manchester's system approach).</summary>
    System = 1,
}

/// <summary>How a commissioner sets its acute budget from one year to the next.</summary>
public enum AcuteGrowthPolicy
{
    /// <summary>The acute budget is a fixed share of the allocation, growing with it.</summary>
    ShareOfAllocation = 0,
    /// <summary>Acute budgets grow by inflation only; all other growth goes to primary, community and prevention (Cambridgeshire and Peterborough 2024-29).</summary>
    FlatCash = 1,
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
        foreach (var change in PolicyChanges)
            if (change.Year <= year) current = change.Parameters;
        return current;
    }
}

/// <summary>
/// A change of policy during a run, from the April of <paramref name="Year"/>: the whole parameter set in force from
/// then on (the scenario's values with the change's overrides), so before and after are one history.
/// </summary>
public sealed record PolicyChange(int Year, string Description, EconomyParameters Parameters);

/// <param name="CommissionerAllocations">Total allocated to commissioners in the first year.</param>
/// <param name="AllocationGrowth">Cash growth of the envelope per year (0.03 = 3%).</param>
/// <param name="PaceOfChange">Fraction of each commissioner's distance from its target share closed per year.</param>
/// <param name="TariffUplift">Annual cost uplift applied to prices.</param>
/// <param name="EfficiencyFactor">Annual efficiency requirement deducted from the uplift.</param>
/// <param name="PublicHealthGrant">Public health grant to councils, whole economy, per year.</param>
/// <param name="SocialCareGrant">Grant to councils for adult social care, whole economy, per year.</param>
/// <param name="BailoutBaseProbability">Chance that a small deficit is covered after the year ends.</param>
/// <param name="BailoutProbabilityPerDeficitShare">How much that chance rises per unit of deficit over turnover.</param>
/// <param name="PumpPrimeFunding">Up-front transformation money paid to commissioners, in all (Greater Manchester asked £500m, got £450m over five years).</param>
/// <param name="TransformationFund">Sustainability and transformation money per year for trusts, paid quarterly through commissioners.</param>
/// <param name="TransformationConditionalShare">Share of that money paid only if the control total is met, all or nothing each quarter.</param>
/// <param name="InYearFunding">Money added to the settlement in each year it is in force (pandemic costs, elective recovery), paid to commissioners with their allocations; later allocations do not grow from it.</param>
/// <param name="PayAwardInSettlement">The pay award the settlement allowed for; an award above it is funded by a recurrent addition to allocations of the excess times pay's share of cost. Without it, pay awards get no addition.</param>
/// <param name="ControlTotalSurplusShare">The control total: the year-to-date surplus, as a share of income, a trust (or system) must reach.</param>
/// <param name="PumpPrimeYears">Years over which the pump prime is paid in equal parts, from the first year it is in force.</param>
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
    Money PumpPrimeFunding,
    Money TransformationFund,
    double TransformationConditionalShare,
    double ControlTotalSurplusShare,
    Money InYearFunding = default,
    double? PayAwardInSettlement = null,
    int PumpPrimeYears = 1);

/// <summary>How a commissioner plans to spend its allocation; the shares of the allocation add up to 1.</summary>
/// <param name="PooledShare">Share of the allocation put into a pooled budget with councils (Better Care Fund style).</param>
/// <param name="OtherServicesShare">Share spent outside the modelled providers: prescribing, continuing healthcare, the independent sector.</param>
/// <param name="ReserveShare">Contingency held back and left unspent unless needed.</param>
/// <param name="ProposalProbability">Chance per year that a commissioner proposes a budget shift out of acute care.</param>
/// <param name="ProposedShift">Share of the acute budget that such a proposal moves to community and primary care.</param>
/// <param name="AcuteGrowth">Whether acute budgets follow the allocation or are held flat in cash (inflation only).</param>
/// <param name="GrowthToPrimaryCare">Under flat cash, the share of the growth above acute inflation that goes to primary care.</param>
/// <param name="GrowthToCommunity">Under flat cash, the share that goes to community services.</param>
/// <param name="GrowthToPrevention">Under flat cash, the share that goes to prevention.</param>
/// <param name="PreventionInvestmentShare">Share of its acute spend a budget holder puts into extra prevention in a year when that pays within the settlement horizon.</param>
/// <param name="DiscountRate">Annual rate at which budget holders discount future savings.</param>
/// <param name="EmergencyDepartmentClosureProbability">Chance that a reconfiguration proposal also closes the emergency department of a system's smallest acute trust that has one.</param>
/// <param name="ReserveReleaseShare">Share of the contingency reserve released at year end to the system's trusts in deficit, by their deficits.</param>
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
    double ProposedShift,
    AcuteGrowthPolicy AcuteGrowth,
    double GrowthToPrimaryCare,
    double GrowthToCommunity,
    double GrowthToPrevention,
    double PreventionInvestmentShare,
    double DiscountRate,
    double EmergencyDepartmentClosureProbability,
    double ReserveReleaseShare = 0);

/// <summary>The payment regime and terms offered to each type of provider, and the rules of negotiation.</summary>
/// <param name="BlendedVariableRate">v: the share of price paid or clawed back per case above or below plan.</param>
/// <param name="CapitationDeadBand">Share of contract value within which over- or under-spend stays with the provider.</param>
/// <param name="CapitationSharedFraction">Share of the over- or under-spend beyond the dead band that the commissioner takes on.</param>
/// <param name="AcceptTolerance">A provider accepts an offer that covers expected cost less this share.</param>
/// <param name="RefuseThreshold">A provider refuses outright an offer short of expected cost by more than this share.</param>
/// <param name="MaxConcession">A commissioner agrees a counter-offer up to this share above its own offer; beyond it the difference is split.</param>
/// <param name="ElectiveVariableRate">v for elective activity under a blended contract (0.75 to 1.0 for elective recovery).</param>
/// <param name="MarginalEmergencyRate">r: the fraction of price paid for emergency admissions above the baseline.</param>
/// <param name="BlockNegotiatedGrowth">Growth agreed on top of last year's block rolled forward at uplift less efficiency.</param>
/// <param name="CapitationCorridorCap">Largest share of contract value the commissioner pays or claws back through the risk corridor.</param>
/// <param name="CapitationStopLoss">Provider losses beyond this share of contract value are covered in full by the commissioner.</param>
/// <param name="OutcomeWithholdShare">Share of an outcome-based contract held back and released by the outcome score.</param>
/// <param name="OutcomeTargetWithin18Weeks">The share of the waiting list within 18 weeks that earns the full outcome score.</param>
/// <param name="OutcomeFailureScore">An outcome score below this ends the contract at year end: it fails.</param>
/// <param name="PersonalBudgetSocialCareShare">Share of personal budgets that holders spend on council-arranged care rather than with the NHS provider.</param>
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
    double MaxConcession,
    double ElectiveVariableRate,
    double MarginalEmergencyRate,
    double BlockNegotiatedGrowth,
    double CapitationCorridorCap,
    double CapitationStopLoss,
    double OutcomeWithholdShare,
    double OutcomeTargetWithin18Weeks,
    double OutcomeFailureScore,
    double PersonalBudgetSocialCareShare)
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
/// <param name="PayAward">Growth of pay per member of staff a year (the pay award with its drift); default: the tariff's cost uplift.</param>
/// <param name="NonPayInflation">Growth of the prices of everything else trusts buy (drugs, energy, supplies, estates) a year; default: the tariff's cost uplift.</param>
/// <param name="PayShareOfCost">Share of trusts' operating cost that is pay: the weight of the pay award in input cost growth.</param>
/// <param name="CostIntensityGrowth">Growth a year of what a unit of care uses beyond pay and prices (new drugs and devices, clinical negligence cover, agency premiums).</param>
/// <param name="PandemicCostShare">Extra cost, over a trust's cost, in the years it is in force (infection control, protective equipment, cover for absent staff); later years' cost does not grow from it.</param>
/// <param name="StaffGrowth">Growth of clinical staff a year: elective throughput and fixed cost grow with it.</param>
/// <param name="BedGrowth">Growth of general and acute beds a year.</param>
/// <param name="ElectiveProductivity">Elective pathways per member of staff this year relative to normal (infection control in a pandemic, recovery after it).</param>
/// <param name="ElectiveMarginResponse">How sharply elective effort responds to the margin (marginal payment less marginal cost, over price): the slope of a logistic.</param>
/// <param name="DeficitEffort">Extra cost-cutting effort a year per unit of last year's deficit over income (financial recovery plans).</param>
/// <param name="InitialCostGap">Mean share by which trusts' first-year costs exceed their first contract (the deficit the run starts with).</param>
/// <param name="InitialCostGapSpread">Standard deviation of that share between trusts.</param>
/// <param name="AandEFourHourLogitAtTargetOccupancy">Log-odds of an attendance being seen within four hours when beds are used exactly at the occupancy target.</param>
/// <param name="BoughtCapacityShare">Electives a trust can buy a month beyond its own staff and beds (waiting list initiatives, insourcing, the independent sector), as a share of its own staff capacity.</param>
/// <param name="BoughtCapacityCostPremium">The marginal cost of a bought case over the trust's own marginal cost.</param>
/// <param name="TreatInTurnShare">Share of electives booked in turn from the longest waits.</param>
/// <param name="UrgentFirstShare">Share of electives taken from the newest referrals first (urgent cases); the rest, beyond those booked in turn, are chosen whatever their wait.</param>
/// <param name="AandEFourHourOccupancySlope">How fast those log-odds fall per unit of occupancy over the target (exit block).</param>
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
    double InitialWaitingListPerHead,
    double? PayAward = null,
    double? NonPayInflation = null,
    double PayShareOfCost = 0.6,
    double CostIntensityGrowth = 0,
    double PandemicCostShare = 0,
    double StaffGrowth = 0,
    double BedGrowth = 0,
    double ElectiveProductivity = 1,
    double ElectiveMarginResponse = 0,
    double DeficitEffort = 0,
    double InitialCostGap = 0,
    double InitialCostGapSpread = 0,
    double AandEFourHourLogitAtTargetOccupancy = 0,
    double AandEFourHourOccupancySlope = 0,
    double TreatInTurnShare = 0,
    double UrgentFirstShare = 0,
    double BoughtCapacityShare = 0,
    double BoughtCapacityCostPremium = 1)
{
    /// <summary>
    /// Input cost growth a year: the pay award and other prices weighted by pay's share of cost (each defaults to the
    /// tariff's cost uplift), and the growth in what a unit of care uses.
    /// </summary>
    public double InputCostInflation(FunderParameters funder) =>
        PayShareOfCost * (PayAward ?? (double)funder.TariffUplift) + (1 - PayShareOfCost) * (NonPayInflation ?? (double)funder.TariffUplift) + CostIntensityGrowth;
}


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
/// <param name="CapacityLevel">Appointments general practice can offer in a year relative to normal (remote triage and absent staff in a pandemic); the access a failed attempt is judged against stays normal.</param>
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
    double PreventionPoundsPerHeadForHalfEffect,
    double CapacityLevel = 1)
{
    /// <summary>Elective referrals per (need-weighted) head a year at base demand: the appointments given, each referring at the rate.</summary>
    public double ReferralsPerHead => Math.Min(AppointmentsPerHead, CapacityPerHead) * ReferralsPerAppointment;
}

/// <param name="OwnResources">Councils' own money for adult social care (council tax, business rates), whole economy, per year.</param>
/// <param name="CostPerPersonSupported">Gross cost of supporting one person for a year.</param>
/// <param name="NeedPerOlderPerson">People needing support per resident aged 65 or over.</param>
/// <param name="SupplyAdjustment">Fraction of the gap between funded and actual care supply closed per year.</param>
/// <param name="PublicHealthShareOfGrant">Share of the public health grant spent on prevention that buys health directly.</param>
/// <param name="CostInflation">Growth of the cost of a care package a year (care workers' pay follows the National Living Wage); default: the tariff's cost uplift.</param>
/// <param name="OwnResourcesGrowth">Cash growth of councils' own money for care a year (council tax, the social care precept); default: the allocation's growth.</param>
public sealed record SocialCareParameters(
    Money OwnResources,
    Money CostPerPersonSupported,
    double NeedPerOlderPerson,
    double SupplyAdjustment,
    double PublicHealthShareOfGrant,
    double? CostInflation = null,
    double? OwnResourcesGrowth = null);

/// <summary>
/// Demography and demand per head, year by year (DOMAIN.md, change over time). Growth rates compound from the run's
/// first year under each year's parameters; levels apply in their own year only (a pandemic year's fall in demand).
/// </summary>
/// <param name="PopulationGrowth">Growth of the population a year.</param>
/// <param name="OlderPopulationGrowth">Growth of the population aged 65 and over a year.</param>
/// <param name="OlderRelativeUse">Hospital and GP use per person aged 65+ relative to a younger person: need rising with age.</param>
/// <param name="GpAppointmentsGrowth">Growth of GP appointments wanted per head a year beyond demography.</param>
/// <param name="ReferralsGrowth">Growth of elective referrals per appointment a year beyond demography.</param>
/// <param name="AandEAttendancesGrowth">Growth of A&amp;E attendances per head a year beyond demography.</param>
/// <param name="EmergencyAdmissionsGrowth">Growth of emergency admissions per head a year beyond demography.</param>
/// <param name="GpAppointmentsLevel">GP appointments wanted this year relative to trend.</param>
/// <param name="ReferralsLevel">Elective referrals this year relative to trend.</param>
/// <param name="AandEAttendancesLevel">A&amp;E attendances this year relative to trend.</param>
/// <param name="EmergencyAdmissionsLevel">Emergency admissions this year relative to trend.</param>
public sealed record DemandParameters(
    double PopulationGrowth,
    double OlderPopulationGrowth,
    double OlderRelativeUse,
    double GpAppointmentsGrowth,
    double ReferralsGrowth,
    double AandEAttendancesGrowth,
    double EmergencyAdmissionsGrowth,
    double GpAppointmentsLevel,
    double ReferralsLevel,
    double AandEAttendancesLevel,
    double EmergencyAdmissionsLevel)
{
    public static readonly DemandParameters Unchanging = new(0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1);
}

/// <param name="QualifiedMajority">Weighted share in favour needed under a qualified-majority rule (for example 2/3).</param>
/// <param name="SettlementHorizonYears">How many years ahead a settlement fixes allocations; sets how far agents look.</param>
/// <param name="ScrutinyReferralProbability">Chance that a council opposing a proposal refers it to health scrutiny.</param>
/// <param name="ScrutinyDelayYears">Years a scrutiny referral delays an adopted proposal.</param>
/// <param name="ControlTotals">Whether control totals are judged trust by trust or for a whole system.</param>
public sealed record GovernanceParameters(
    AllocationRegime Allocation,
    DecisionRule DecisionRule,
    double QualifiedMajority,
    VoteWeighting Weighting,
    BailoutRegime Bailout,
    int SettlementHorizonYears,
    double ScrutinyReferralProbability,
    int ScrutinyDelayYears,
    ControlTotalLevel ControlTotals);

/// <summary>The health measure: QALYs lost to waits, avoidable admissions and unmet care, gained by public health; the deprivation fifths; care-related quality of life.</summary>
/// <param name="PublicHealthPoundsPerQaly">Marginal cost, at the first year's prices, of a QALY bought by public health spending (about £3,800).</param>
/// <param name="NhsCarePoundsPerQaly">Marginal cost, at the first year's prices, of a QALY bought by treatment services (about £13,500).</param>
/// <param name="WaitingQalyLossPerPatientYear">QALYs a patient loses for each year on an elective waiting list.</param>
/// <param name="AvoidableAdmissionQalyLoss">QALYs lost with each emergency admission primary care could have avoided.</param>
/// <param name="UnmetCareQalyLossPerPersonYear">QALYs a person loses for each year an eligible care need goes unmet.</param>
/// <param name="WithinCouncilDeprivationSpread">Log-scale spread of neighbourhoods' deprivation within a council's area.</param>
/// <param name="EmergencyAdmissionsRatioMostDeprived">Emergency admissions per head in the most deprived fifth over the least deprived.</param>
/// <param name="ElectiveRatioMostDeprived">Planned care per head in the most deprived fifth over the least deprived.</param>
/// <param name="IllHealthRatioMostDeprived">Ill health (care needs, what public health reaches) per head in the most deprived fifth over the least deprived.</param>
/// <param name="CareQualityOfLifeAtReference">Care-related quality of life (ASCOT, out of 24) of people supported by a reference package.</param>
/// <param name="CareQualityOfLifeWithoutCare">Care-related quality of life the same people would have with no care.</param>
/// <param name="CareIntensityElasticity">How care-related quality of life gained rises with care per person (below 1: diminishing returns).</param>
public sealed record HealthParameters(
    decimal PublicHealthPoundsPerQaly,
    decimal NhsCarePoundsPerQaly,
    double WaitingQalyLossPerPatientYear,
    double AvoidableAdmissionQalyLoss,
    double UnmetCareQalyLossPerPersonYear,
    double WithinCouncilDeprivationSpread,
    double EmergencyAdmissionsRatioMostDeprived,
    double ElectiveRatioMostDeprived,
    double IllHealthRatioMostDeprived,
    double CareQualityOfLifeAtReference,
    double CareQualityOfLifeWithoutCare,
    double CareIntensityElasticity);

/// <summary>A whole synthetic economy, ready to run: who exists, how they relate, and every coefficient.</summary>
public sealed record EconomyDefinition(
    string ScenarioName,
    EconomyParameters Parameters,
    IReadOnlyList<OrganisationProfile> Organisations)
{
    public IEnumerable<T> OfKind<T>() where T : OrganisationProfile => Organisations.OfType<T>();
}
