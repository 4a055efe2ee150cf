using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static FunderParameters Funder(SectionReader s) => new(
        CommissionerAllocations: s.Pounds("commissioner_allocations_gbp", Total),
        AllocationGrowth: s.Decimal("allocation_growth", AnnualChange),
        PaceOfChange: s.Number("pace_of_change", Fraction),
        TariffUplift: s.Decimal("tariff_uplift", AnnualChange),
        EfficiencyFactor: s.Decimal("efficiency_factor", Between(0, 0.5m)),
        PublicHealthGrant: s.Pounds("public_health_grant_gbp", Total),
        SocialCareGrant: s.Pounds("social_care_grant_gbp", Total),
        BailoutBaseProbability: s.Number("bailout_base_probability", Fraction),
        BailoutProbabilityPerDeficitShare: s.Number("bailout_probability_per_deficit_share", Between(0, 100)),
        PumpPrimeFunding: s.Pounds("pump_prime_funding_gbp", Total),
        PumpPrimeYears: s.Integer("pump_prime_years", Between(1, 50), 1),
        TransformationFund: s.Pounds("transformation_fund_gbp", Total, Money.Zero),
        TransformationConditionalShare: s.Number("transformation_conditional_share", Fraction, 0.7),
        ControlTotalSurplusShare: s.Number("control_total_surplus_share", Between(-0.5m, 0.5m), 0),
        InYearFunding: s.Pounds("in_year_funding_gbp", Total, Money.Zero),
        PayAwardInSettlement: OptionalNumber(s, "pay_award_in_settlement", AnnualChange));
}
