using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static TrustParameters Trusts(SectionReader s) => new(
        ElectiveMarginalCostShare: s.Number("elective_marginal_cost_share", Between(0, 5)),
        EmergencyMarginalCostShare: s.Number("emergency_marginal_cost_share", Between(0, 5)),
        AltruismWeight: s.Number("altruism_weight", Fraction),
        ElectivePathwaysPerBedPerYear: s.Number("elective_pathways_per_bed_per_year", AboveZeroUpTo(100_000)),
        ElectiveBedDaysPerPathway: s.Number("elective_bed_days_per_pathway", Between(0, 365)),
        EmergencyLengthOfStay: s.Number("emergency_length_of_stay_days", AboveZeroUpTo(365)),
        OccupancyTarget: s.Number("occupancy_target", AboveZeroUpTo(1)),
        DelayedDischargeShareOfBeds: s.Number("delayed_discharge_share_of_beds", Fraction),
        SocialCareShareOfDelays: s.Number("social_care_share_of_delays", Fraction),
        CareSupplyElasticity: s.Number("care_supply_elasticity", Between(0, 10)),
        WaitingDropOutRate: s.Number("waiting_drop_out_rate", Fraction),
        EfficiencyEffort: s.Number("efficiency_effort", Fraction),
        SoftBudgetEffortLoss: s.Number("soft_budget_effort_loss", Fraction),
        VetoIncomeThreshold: s.Number("veto_income_threshold", Fraction),
        InitialWaitingListPerHead: s.Number("initial_waiting_list_per_head", Between(0, 10)),
        PayAward: OptionalNumber(s, "pay_award", AnnualChange),
        NonPayInflation: OptionalNumber(s, "non_pay_inflation", AnnualChange),
        PayShareOfCost: s.Number("pay_share_of_cost", Fraction, 0.6),
        CostIntensityGrowth: s.Number("cost_intensity_growth", Between(-0.5m, 0.5m), 0),
        PandemicCostShare: s.Number("pandemic_cost_share", Between(0, 1), 0),
        StaffGrowth: s.Number("staff_growth", AnnualChange, 0),
        BedGrowth: s.Number("bed_growth", AnnualChange, 0),
        ElectiveProductivity: s.Number("elective_productivity", YearLevel, 1),
        ElectiveMarginResponse: s.Number("elective_margin_response", Between(0, 10), 0),
        DeficitEffort: s.Number("deficit_effort", Between(0, 10), 0),
        InitialCostGap: s.Number("initial_cost_gap", Between(-0.5m, 0.5m), 0),
        InitialCostGapSpread: s.Number("initial_cost_gap_spread", Between(0, 0.5m), 0),
        AandEFourHourLogitAtTargetOccupancy: s.Number("ae_four_hour_logit_at_target_occupancy", Between(-20, 20), 0),
        AandEFourHourOccupancySlope: s.Number("ae_four_hour_occupancy_slope", Between(0, 1000), 0),
        TreatInTurnShare: s.Number("treat_in_turn_share", Fraction, 0),
        UrgentFirstShare: s.Number("urgent_first_share", Fraction, 0),
        BoughtCapacityShare: s.Number("bought_capacity_share", Fraction, 0),
        BoughtCapacityCostPremium: s.Number("bought_capacity_cost_premium", Between(1, 10), 1));
}
