namespace EconomySim.Domain;

/// <summary>How a metric's monthly values make a year's value.</summary>
public enum Aggregation
{
    /// <summary>A flow: the year's value is the sum of its months (admissions, payments).</summary>
    Sum = 0,
    /// <summary>A stock: the year's value is the value at the year's last month (waiting list).</summary>
    Last = 1,
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
    QalysMilli,
}

public sealed record MetricInfo(Metric Metric, string Name, string Unit, Aggregation Aggregation, string Meaning);

public static class MetricCatalogue
{
    public static readonly int Count = Enum.GetValues<Metric>().Length;

    public static readonly IReadOnlyList<MetricInfo> All =
    [
        new(Metric.CommissionerAllocations, "commissioner_allocations", "GBP", Aggregation.Sum, "Allocations paid by the national funder to commissioners"),
        new(Metric.SocialCareGrants, "social_care_grants", "GBP", Aggregation.Sum, "Social care and public health grants paid to councils"),
        new(Metric.PumpPrime, "pump_prime", "GBP", Aggregation.Sum, "One-off transformation money paid to commissioners"),
        new(Metric.SpendAcute, "spend_acute", "GBP", Aggregation.Sum, "Commissioner payments to acute trusts"),
        new(Metric.SpendCommunity, "spend_community", "GBP", Aggregation.Sum, "Commissioner payments to community trusts"),
        new(Metric.SpendMentalHealth, "spend_mental_health", "GBP", Aggregation.Sum, "Commissioner payments to mental health trusts"),
        new(Metric.SpendPrimaryCare, "spend_primary_care", "GBP", Aggregation.Sum, "Commissioner payments to GP federations for services"),
        new(Metric.SpendPrevention, "spend_prevention", "GBP", Aggregation.Sum, "Commissioner payments to GP federations for prevention"),
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
        new(Metric.QalysMilli, "health_qalys", "{QALY}", Aggregation.Sum, "Quality-adjusted life years bought by care and public health spending (thousandths)"),
    ];

    public static MetricInfo Info(Metric metric) => All[(int)metric];

    /// <summary>The value a person reads: pounds for money, QALYs for milli-QALYs, the count otherwise.</summary>
    public static decimal Display(Metric metric, long raw) => Info(metric).Unit switch
    {
        "GBP" => raw / 100m,
        "{QALY}" => raw / 1000m,
        _ => raw,
    };
}
