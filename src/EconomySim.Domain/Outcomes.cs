namespace EconomySim.Domain;

/// <summary>How a metric's monthly values make a year's value.</summary>
public enum Aggregation
{
    /// <summary>A flow: the year's value is the sum of its months (admissions, payments).</summary>
    Sum = 0,
    /// <summary>A stock: the year's value is the value at the year's last month (waiting list).</summary>
    Last = 1,
    /// <summary>Computed from other metrics, for a month from that month's values and for a year from the year's (shares, ratios, means).</summary>
    Derived = 2,
}

/// <summary>Every outcome the model records, summed over organisations. Money is in pence; counts are whole numbers.</summary>
public enum Metric
{
    CommissionerAllocations,
    SocialCareGrants,
    PumpPrime,
    SpendAcute,
    SpendCommunity,
    SpendMentalHealth,
    SpendPrimaryCare,
    SpendPrevention,
    SpendOtherServices,
    PooledTransfers,
    SocialCareSpend,
    PublicHealthSpend,
    TrustIncome,
    TrustCost,
    TrustSurplus,
    TrustsInDeficit,
    CommissionerSurplus,
    BailoutCount,
    BailoutValue,
    GpAppointments,
    FailedGpAccess,
    AandEAttendances,
    EmergencyAdmissions,
    AvoidableAdmissions,
    ElectiveReferrals,
    ElectiveTreated,
    WaitingList,
    WaitingOver18Weeks,
    DelayedDischargeBedDays,
    BedDaysAvailable,
    BedDaysUsed,
    PeopleSupported,
    UnmetSocialCareNeed,
    ContractsAccepted,
    ContractsCountered,
    ContractsRefused,
    PoolsAgreed,
    Proposals,
    VotesInFavour,
    VotesAgainst,
    Vetoes,
    ReformsAdopted,
    PublicHealthQalysMilli,
    TransformationFundPaid,
    TransformationFundWithheld,
    PreventionInvestment,
    MarginalEmergencyRetained,
    OutcomeWithholdKept,
    ContractFailures,
    PersonalBudgetCareSpend,
    ScrutinyReferrals,
    NationalOverrides,
    AdoptionDelayYears,
    Population,
    CostWeightedActivity,
    TrustCostAtBasePrices,
    HealthGapMilliPerThousand,
    SystemSurplus,
    WaitingOver18WeeksShare,
    BedOccupancy,
    Productivity,
    ShareAcute,
    SharePrimaryCare,
    ShareCommunity,
    ShareMentalHealth,
    ShareSocialCare,
    SharePrevention,
    CostPerHead,
    MeanYearsToAdopt,
    OlderPopulation,
    AandEWithinFourHours,
    DelayedDischargeBeds,
    TrustsReporting,
    Population65PlusShare,
    WaitingWithin18WeeksShare,
    AandEWithinFourHoursShare,
    TrustsInDeficitShare,
    QalysLostWaitingMilli,
    QalysLostAvoidableAdmissionsMilli,
    QalysLostUnmetCareMilli,
    QalysLostMilli,
    NetHealthQalysMilli,
    NetQalysMostDeprivedMilli,
    NetQalysLeastDeprivedMilli,
    PopulationMostDeprived,
    PopulationLeastDeprived,
    CareQualityOfLifePointsMilli,
    CareRelatedQualityOfLife,
    SettlementAdditions,
}

/// <param name="Scale">Raw values are this many times the value a person reads (100 for pence, 1000 for thousandths).</param>
/// <param name="Derive">For a derived metric, how it is computed from other metrics' values in the same month or year.</param>
public sealed record MetricInfo(Metric Metric, string Name, string Unit, Aggregation Aggregation, string Meaning, long Scale = 1, Func<Func<Metric, long>, long>? Derive = null);

public static class MetricCatalogue
{
    public static readonly int Count = Enum.GetValues<Metric>().Length;

    public static readonly IReadOnlyList<MetricInfo> All =
    [
        new(Metric.CommissionerAllocations, "commissioner_allocations", "GBP", Aggregation.Sum, "Allocations paid by the national funder to commissioners"),
        new(Metric.SocialCareGrants, "social_care_grants", "GBP", Aggregation.Sum, "Social care and public health grants paid to councils"),
        new(Metric.PumpPrime, "pump_prime", "GBP", Aggregation.Sum, "One-off transformation money paid to commissioners, which they spend on prevention; paid in the years a scenario's pump_prime_years say (in one year unless set), so spend_prevention jumps in those years"),
        new(Metric.SpendAcute, "spend_acute", "GBP", Aggregation.Sum, "Commissioner payments to acute trusts"),
        new(Metric.SpendCommunity, "spend_community", "GBP", Aggregation.Sum, "Commissioner payments to community trusts"),
        new(Metric.SpendMentalHealth, "spend_mental_health", "GBP", Aggregation.Sum, "Commissioner payments to mental health trusts"),
        new(Metric.SpendPrimaryCare, "spend_primary_care", "GBP", Aggregation.Sum, "Commissioner payments to GP federations for services"),
        new(Metric.SpendPrevention, "spend_prevention", "GBP", Aggregation.Sum, "Commissioner payments to GP federations for prevention, with the year's pump prime and money kept under the marginal emergency rate; a pump prime paid in one year shows as a jump in that year and a fall after it"),
        new(Metric.SpendOtherServices, "spend_other_services", "GBP", Aggregation.Sum, "Commissioner spending outside the modelled providers (prescribing, continuing care)"),
        new(Metric.PooledTransfers, "pooled_transfers", "GBP", Aggregation.Sum, "NHS money moved into pooled budgets with councils"),
        new(Metric.SocialCareSpend, "social_care_spend", "GBP", Aggregation.Sum, "Councils' spending on adult social care"),
        new(Metric.PublicHealthSpend, "public_health_spend", "GBP", Aggregation.Sum, "Councils' spending of the public health grant"),
        new(Metric.TrustIncome, "trust_income", "GBP", Aggregation.Sum, "Trust income from contracts"),
        new(Metric.TrustCost, "trust_cost", "GBP", Aggregation.Sum, "Trust operating cost"),
        new(Metric.TrustSurplus, "trust_surplus", "GBP", Aggregation.Sum, "Trusts' surplus (negative: deficit) at year end, before bailouts"),
        new(Metric.TrustsInDeficit, "trusts_in_deficit", "{trust}", Aggregation.Sum, "Trusts ending the year in deficit"),
        new(Metric.CommissionerSurplus, "commissioner_surplus", "GBP", Aggregation.Sum, "Commissioners' allocation left unspent (negative: overspent)"),
        new(Metric.BailoutCount, "bailouts", "{bailout}", Aggregation.Sum, "Trusts bailed out or given distress funding"),
        new(Metric.BailoutValue, "bailout_value", "GBP", Aggregation.Sum, "Money paid in bailouts and distress funding"),
        new(Metric.GpAppointments, "gp_appointments", "{appointment}", Aggregation.Sum, "GP appointments delivered"),
        new(Metric.FailedGpAccess, "failed_gp_access", "{attempt}", Aggregation.Sum, "Attempts to see a GP that found no appointment"),
        new(Metric.AandEAttendances, "ae_attendances", "{attendance}", Aggregation.Sum, "Unplanned A&E attendances"),
        new(Metric.EmergencyAdmissions, "emergency_admissions", "{admission}", Aggregation.Sum, "Emergency admissions"),
        new(Metric.AvoidableAdmissions, "avoidable_admissions", "{admission}", Aggregation.Sum, "Emergency admissions that could have been managed in the community"),
        new(Metric.ElectiveReferrals, "elective_referrals", "{patient}", Aggregation.Sum, "Elective referrals added to waiting lists"),
        new(Metric.ElectiveTreated, "elective_treated", "{patient}", Aggregation.Sum, "Elective patients treated"),
        new(Metric.WaitingList, "waiting_list", "{patient}", Aggregation.Last, "Patients on elective waiting lists"),
        new(Metric.WaitingOver18Weeks, "waiting_over_18_weeks", "{patient}", Aggregation.Last, "Patients waiting more than 18 weeks"),
        new(Metric.DelayedDischargeBedDays, "delayed_discharge_bed_days", "{bed_day}", Aggregation.Sum, "Bed-days of patients fit to leave but not discharged"),
        new(Metric.BedDaysAvailable, "bed_days_available", "{bed_day}", Aggregation.Sum, "Bed-days trusts could use at their occupancy target"),
        new(Metric.BedDaysUsed, "bed_days_used", "{bed_day}", Aggregation.Sum, "Bed-days used by emergency, elective and delayed patients"),
        new(Metric.PeopleSupported, "people_supported", "{person}", Aggregation.Last, "People receiving council-funded adult social care"),
        new(Metric.UnmetSocialCareNeed, "unmet_social_care_need", "{person}", Aggregation.Last, "People needing care whom councils do not support"),
        new(Metric.ContractsAccepted, "contracts_accepted", "{contract}", Aggregation.Sum, "Contract offers accepted as offered"),
        new(Metric.ContractsCountered, "contracts_countered", "{contract}", Aggregation.Sum, "Contract offers met with a counter-offer"),
        new(Metric.ContractsRefused, "contracts_refused", "{contract}", Aggregation.Sum, "Contract offers refused"),
        new(Metric.PoolsAgreed, "pools_agreed", "{pool}", Aggregation.Sum, "Pooled budgets agreed between commissioners and councils"),
        new(Metric.Proposals, "proposals", "{proposal}", Aggregation.Sum, "Reconfiguration proposals put to a vote"),
        new(Metric.VotesInFavour, "votes_in_favour", "{vote}", Aggregation.Sum, "Votes cast in favour"),
        new(Metric.VotesAgainst, "votes_against", "{vote}", Aggregation.Sum, "Votes cast against"),
        new(Metric.Vetoes, "vetoes", "{veto}", Aggregation.Sum, "Vetoes cast"),
        new(Metric.ReformsAdopted, "reforms_adopted", "{reform}", Aggregation.Sum, "Proposals adopted"),
        new(Metric.PublicHealthQalysMilli, "health_qalys_public_health", "{QALY}", Aggregation.Sum, "Quality-adjusted life years gained from councils' public health spending at first-year prices", 1000),
        new(Metric.TransformationFundPaid, "transformation_fund_paid", "GBP", Aggregation.Sum, "Transformation money paid to trusts (unconditional part, and conditional part where the control total was met)"),
        new(Metric.TransformationFundWithheld, "transformation_fund_withheld", "GBP", Aggregation.Sum, "Conditional transformation money withheld because a control total was missed"),
        new(Metric.PreventionInvestment, "prevention_investment", "GBP", Aggregation.Sum, "Extra prevention bought by budget holders because it pays within their horizon (commissioners and capitated providers)"),
        new(Metric.MarginalEmergencyRetained, "marginal_emergency_retained", "GBP", Aggregation.Sum, "Money commissioners keep under the marginal emergency rate, reinvested in admission avoidance next year"),
        new(Metric.OutcomeWithholdKept, "outcome_withhold_kept", "GBP", Aggregation.Sum, "Withholds of outcome-based contracts not released because outcomes fell short"),
        new(Metric.ContractFailures, "contract_failures", "{contract}", Aggregation.Sum, "Outcome-based contracts that failed and were re-let as blocks"),
        new(Metric.PersonalBudgetCareSpend, "personal_budget_care_spend", "GBP", Aggregation.Sum, "Personal budgets spent on council-arranged care"),
        new(Metric.ScrutinyReferrals, "scrutiny_referrals", "{referral}", Aggregation.Sum, "Proposals referred by councils to health scrutiny"),
        new(Metric.NationalOverrides, "national_overrides", "{proposal}", Aggregation.Sum, "Proposals adopted by national override against local votes or vetoes"),
        new(Metric.AdoptionDelayYears, "adoption_delay_years", "{year}", Aggregation.Sum, "Years from decision to effect, summed over adopted reforms"),
        new(Metric.Population, "population", "{person}", Aggregation.Last, "Registered population"),
        new(Metric.CostWeightedActivity, "cost_weighted_activity", "GBP", Aggregation.Sum, "Acute activity (electives, emergency admissions, attendances) valued at the scenario's first-year national prices"),
        new(Metric.TrustCostAtBasePrices, "trust_cost_at_base_prices", "GBP", Aggregation.Sum, "Acute trusts' operating cost deflated to first-year prices by input cost inflation (pay and prices, before cost-cutting)"),
        new(Metric.HealthGapMilliPerThousand, "health_gap", "{QALY}", Aggregation.Derived, "Net QALYs per 1,000 residents of the least deprived fifth less the most deprived fifth (positive: the most deprived fare worse)", 1000,
            v => PerThousandResidents(v(Metric.NetQalysLeastDeprivedMilli), v(Metric.PopulationLeastDeprived)) - PerThousandResidents(v(Metric.NetQalysMostDeprivedMilli), v(Metric.PopulationMostDeprived))),
        new(Metric.SystemSurplus, "system_surplus", "GBP", Aggregation.Derived, "Trusts' and commissioners' surplus together (negative: deficit)", 100,
            v => v(Metric.TrustSurplus) + v(Metric.CommissionerSurplus)),
        new(Metric.WaitingOver18WeeksShare, "waiting_over_18_weeks_share", "1", Aggregation.Derived, "Share of the waiting list waiting more than 18 weeks", 1000,
            v => PerMille(v(Metric.WaitingOver18Weeks), v(Metric.WaitingList))),
        new(Metric.BedOccupancy, "bed_occupancy", "1", Aggregation.Derived, "Bed-days used over bed-days available at the occupancy target", 1000,
            v => PerMille(v(Metric.BedDaysUsed), v(Metric.BedDaysAvailable))),
        new(Metric.Productivity, "productivity", "1", Aggregation.Derived, "Cost-weighted activity per pound of acute cost, both at first-year prices", 1000,
            v => PerMille(v(Metric.CostWeightedActivity), v(Metric.TrustCostAtBasePrices))),
        new(Metric.ShareAcute, "share_acute", "1", Aggregation.Derived, "Share of health and care spend going to acute trusts", 1000, v => PerMille(v(Metric.SpendAcute), MixTotal(v))),
        new(Metric.SharePrimaryCare, "share_primary_care", "1", Aggregation.Derived, "Share of health and care spend going to primary care", 1000, v => PerMille(v(Metric.SpendPrimaryCare), MixTotal(v))),
        new(Metric.ShareCommunity, "share_community", "1", Aggregation.Derived, "Share of health and care spend going to community trusts", 1000, v => PerMille(v(Metric.SpendCommunity), MixTotal(v))),
        new(Metric.ShareMentalHealth, "share_mental_health", "1", Aggregation.Derived, "Share of health and care spend going to mental health trusts", 1000, v => PerMille(v(Metric.SpendMentalHealth), MixTotal(v))),
        new(Metric.ShareSocialCare, "share_social_care", "1", Aggregation.Derived, "Share of health and care spend going to adult social care", 1000, v => PerMille(v(Metric.SocialCareSpend), MixTotal(v))),
        new(Metric.SharePrevention, "share_prevention", "1", Aggregation.Derived, "Share of health and care spend going to prevention and public health", 1000, v => PerMille(PreventionTotal(v), MixTotal(v))),
        new(Metric.CostPerHead, "cost_per_head", "GBP", Aggregation.Derived, "Health and care spending (commissioners' and councils') per registered person", 100,
            v => v(Metric.Population) > 0 ? (MixTotal(v) + v(Metric.SpendOtherServices)) / v(Metric.Population) : 0),
        new(Metric.MeanYearsToAdopt, "mean_years_to_adopt", "{year}", Aggregation.Derived, "Mean years from decision to effect of adopted reforms", 1000,
            v => PerMille(v(Metric.AdoptionDelayYears), v(Metric.ReformsAdopted))),
        new(Metric.OlderPopulation, "older_population", "{person}", Aggregation.Last, "Residents aged 65 and over"),
        new(Metric.AandEWithinFourHours, "ae_within_4_hours", "{attendance}", Aggregation.Sum, "A&E attendances admitted, transferred or discharged within four hours"),
        new(Metric.DelayedDischargeBeds, "delayed_discharge_beds", "{bed}", Aggregation.Last, "Beds a day occupied by patients fit to leave but not discharged"),
        new(Metric.TrustsReporting, "trusts_reporting", "{trust}", Aggregation.Sum, "Trusts closing their accounts for the year"),
        new(Metric.Population65PlusShare, "population_65_plus_share", "1", Aggregation.Derived, "Share of residents aged 65 and over", 1000,
            v => PerMille(v(Metric.OlderPopulation), v(Metric.Population))),
        new(Metric.WaitingWithin18WeeksShare, "waiting_within_18_weeks_share", "1", Aggregation.Derived, "Share of the waiting list waiting 18 weeks or less", 1000,
            v => v(Metric.WaitingList) == 0 ? 0 : 1000 - PerMille(v(Metric.WaitingOver18Weeks), v(Metric.WaitingList))),
        new(Metric.AandEWithinFourHoursShare, "ae_within_4_hours_share", "1", Aggregation.Derived, "Share of A&E attendances seen within four hours", 1000,
            v => PerMille(v(Metric.AandEWithinFourHours), v(Metric.AandEAttendances))),
        new(Metric.TrustsInDeficitShare, "trusts_in_deficit_share", "1", Aggregation.Derived, "Share of trusts ending the year in deficit", 1000,
            v => PerMille(v(Metric.TrustsInDeficit), v(Metric.TrustsReporting))),
        new(Metric.QalysLostWaitingMilli, "health_qalys_lost_waiting", "{QALY}", Aggregation.Sum, "Quality-adjusted life years lost by patients waiting for elective treatment", 1000),
        new(Metric.QalysLostAvoidableAdmissionsMilli, "health_qalys_lost_avoidable_admissions", "{QALY}", Aggregation.Sum, "Quality-adjusted life years lost to emergency admissions primary care could have avoided", 1000),
        new(Metric.QalysLostUnmetCareMilli, "health_qalys_lost_unmet_care", "{QALY}", Aggregation.Sum, "Quality-adjusted life years lost by people whose eligible care needs go unmet", 1000),
        new(Metric.QalysLostMilli, "health_qalys_lost", "{QALY}", Aggregation.Derived, "Quality-adjusted life years lost to elective waits, avoidable admissions and unmet care needs", 1000,
            v => v(Metric.QalysLostWaitingMilli) + v(Metric.QalysLostAvoidableAdmissionsMilli) + v(Metric.QalysLostUnmetCareMilli)),
        new(Metric.NetHealthQalysMilli, "health_net_qalys", "{QALY}", Aggregation.Derived, "Quality-adjusted life years gained from public health less those lost to waits, avoidable admissions and unmet care (the headline health measure)", 1000,
            v => v(Metric.PublicHealthQalysMilli) - v(Metric.QalysLostWaitingMilli) - v(Metric.QalysLostAvoidableAdmissionsMilli) - v(Metric.QalysLostUnmetCareMilli)),
        new(Metric.NetQalysMostDeprivedMilli, "health_net_qalys_most_deprived", "{QALY}", Aggregation.Sum, "Net quality-adjusted life years (gained less lost) of residents of the most deprived national fifth", 1000),
        new(Metric.NetQalysLeastDeprivedMilli, "health_net_qalys_least_deprived", "{QALY}", Aggregation.Sum, "Net quality-adjusted life years (gained less lost) of residents of the least deprived national fifth", 1000),
        new(Metric.PopulationMostDeprived, "population_most_deprived", "{person}", Aggregation.Last, "Residents of the most deprived national fifth of neighbourhoods"),
        new(Metric.PopulationLeastDeprived, "population_least_deprived", "{person}", Aggregation.Last, "Residents of the least deprived national fifth of neighbourhoods"),
        new(Metric.CareQualityOfLifePointsMilli, "care_related_quality_of_life_points", "{point}", Aggregation.Last, "Care-related quality of life (ASCOT, out of 24) summed over the people councils support", 1000),
        new(Metric.CareRelatedQualityOfLife, "care_related_quality_of_life", "{point}", Aggregation.Derived, "Mean care-related quality of life of people councils support, ASCOT score out of 24 (ASCOF 1A)", 1000,
            v => v(Metric.PeopleSupported) == 0 ? 0 : (long)Math.Round(v(Metric.CareQualityOfLifePointsMilli) / (double)v(Metric.PeopleSupported), MidpointRounding.ToEven)),
        new(Metric.SettlementAdditions, "settlement_additions", "GBP", Aggregation.Sum, "Money added to the settlement and paid to commissioners with their allocations: pay awards funded above it, and money for the year alone"),
    ];

    /// <summary>Thousandths of a QALY per 1,000 residents from thousandths of a QALY; 0 for no residents.</summary>
    private static long PerThousandResidents(long milliQalys, long residents) =>
        residents == 0 ? 0 : (long)Math.Round(milliQalys * 1000.0 / residents, MidpointRounding.ToEven);

    /// <summary>Spend in DOMAIN.md's mix: acute, primary, community, mental health, social care and prevention (public health included).</summary>
    private static long MixTotal(Func<Metric, long> v) =>
        v(Metric.SpendAcute) + v(Metric.SpendPrimaryCare) + v(Metric.SpendCommunity) + v(Metric.SpendMentalHealth) + v(Metric.SocialCareSpend) + PreventionTotal(v);

    private static long PreventionTotal(Func<Metric, long> v) => v(Metric.SpendPrevention) + v(Metric.PublicHealthSpend);

    /// <summary>Thousandths of a ratio, rounded half to even; 0 when the denominator is 0.</summary>
    public static long PerMille(long numerator, long denominator) =>
        denominator == 0 ? 0 : (long)Math.Round(numerator * 1000.0 / denominator, MidpointRounding.ToEven);

    public static MetricInfo Info(Metric metric) => All[(int)metric];

    /// <summary>The value a person reads: pounds for money, QALYs for milli-QALYs, a fraction for a share, the count otherwise.</summary>
    public static decimal Display(Metric metric, long raw)
    {
        var info = Info(metric);
        var scale = info.Unit == "GBP" ? 100 : info.Scale;
        return scale == 1 ? raw : raw / (decimal)scale;
    }

    public static MetricInfo? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
