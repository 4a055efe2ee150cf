using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static ContractParameters Contracts(SectionReader s) => new(
        Acute: s.Choice<PaymentRegime>("acute_payment"),
        Community: s.Choice<PaymentRegime>("community_payment"),
        MentalHealth: s.Choice<PaymentRegime>("mental_health_payment"),
        PrimaryCare: s.Choice<PaymentRegime>("primary_care_payment"),
        ElectivePrice: s.Pounds("elective_price_gbp", Price),
        EmergencyPrice: s.Pounds("emergency_price_gbp", Price),
        AandEPrice: s.Pounds("ae_price_gbp", Price),
        BlendedVariableRate: s.Number("blended_variable_rate", Fraction),
        CapitationDeadBand: s.Number("capitation_dead_band", Fraction),
        CapitationSharedFraction: s.Number("capitation_shared_fraction", Fraction),
        AcceptTolerance: s.Number("accept_tolerance", Fraction),
        RefuseThreshold: s.Number("refuse_threshold", Fraction),
        MaxConcession: s.Number("max_concession", Fraction),
        // Defaults for regime-specific terms, used only when a scenario picks the regime (sources in docs/MODEL.md).
        ElectiveVariableRate: s.Number("blended_elective_variable_rate", Fraction, (double)s.ValueOf("blended_variable_rate")),
        MarginalEmergencyRate: s.Number("marginal_emergency_rate", Fraction, 0.3),
        BlockNegotiatedGrowth: s.Number("block_negotiated_growth", AnnualChange, 0),
        CapitationCorridorCap: s.Number("capitation_corridor_cap", Fraction, 1),
        CapitationStopLoss: s.Number("capitation_stop_loss", Fraction, 1),
        OutcomeWithholdShare: s.Number("outcome_withhold_share", Fraction, 0.05),
        OutcomeTargetWithin18Weeks: s.Number("outcome_target_within_18_weeks", AboveZeroUpTo(1), 0.92),
        OutcomeFailureScore: s.Number("outcome_failure_score", Fraction, 0.5),
        PersonalBudgetSocialCareShare: s.Number("personal_budget_social_care_share", Fraction, 0.3));
}
