using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static GovernanceParameters Governance(SectionReader s) => new(
        Allocation: s.Choice<AllocationRegime>("allocation"),
        DecisionRule: s.Choice<DecisionRule>("decision_rule"),
        QualifiedMajority: s.Number("qualified_majority", Between(0.5m, 1)),
        Weighting: s.Choice<VoteWeighting>("vote_weighting"),
        Bailout: s.Choice<BailoutRegime>("bailout"),
        SettlementHorizonYears: s.Integer("settlement_horizon_years", YearCounts),
        ScrutinyReferralProbability: s.Number("scrutiny_referral_probability", Fraction, 0),
        ScrutinyDelayYears: s.Integer("scrutiny_delay_years", Between(0, 50), 1),
        ControlTotals: s.Choice("control_totals", ControlTotalLevel.Trust));
}
