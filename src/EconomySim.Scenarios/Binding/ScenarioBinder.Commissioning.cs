using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static CommissioningParameters Commissioning(SectionReader s)
    {
        var p = new CommissioningParameters(
            AcuteShare: s.Number("acute_share", Fraction),
            CommunityShare: s.Number("community_share", Fraction),
            MentalHealthShare: s.Number("mental_health_share", Fraction),
            PrimaryCareShare: s.Number("primary_care_share", Fraction),
            PreventionShare: s.Number("prevention_share", Fraction),
            PooledShare: s.Number("pooled_share", Fraction),
            OtherServicesShare: s.Number("other_services_share", Fraction),
            ReserveShare: s.Number("reserve_share", Fraction),
            ProposalProbability: s.Number("proposal_probability", Fraction),
            ProposedShift: s.Number("proposed_shift", Fraction),
            AcuteGrowth: s.Choice("acute_growth", AcuteGrowthPolicy.ShareOfAllocation),
            GrowthToPrimaryCare: s.Number("flat_cash_growth_to_primary_care", Fraction, 1.0 / 3),
            GrowthToCommunity: s.Number("flat_cash_growth_to_community", Fraction, 1.0 / 3),
            GrowthToPrevention: s.Number("flat_cash_growth_to_prevention", Fraction, 1.0 / 3),
            PreventionInvestmentShare: s.Number("prevention_investment_share", Fraction, 0),
            DiscountRate: s.Number("discount_rate", Fraction, 0.035),
            EmergencyDepartmentClosureProbability: s.Number("emergency_department_closure_probability", Fraction, 0),
            ReserveReleaseShare: s.Number("reserve_release_share", Fraction, 0));
        string[] growthShares = ["flat_cash_growth_to_primary_care", "flat_cash_growth_to_community", "flat_cash_growth_to_prevention"];
        if (p.AcuteGrowth == AcuteGrowthPolicy.FlatCash && growthShares.Any(s.Has) && growthShares.All(k => !s.IsBad(k)))
        {
            var sum = (decimal)(p.GrowthToPrimaryCare + p.GrowthToCommunity + p.GrowthToPrevention);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.FailSection($"under acute_growth: flat_cash the growth shares {string.Join(" + ", growthShares)} add up to {Show(sum)}",
                    "they must sum to 1 (within 1e-6): all growth above acute inflation goes to primary care, community and prevention");
        }
        if (s.AllValid(AllocationShares))
        {
            var sum = AllocationShares.Sum(s.ValueOf);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.FailSection($"the allocation shares {string.Join(" + ", AllocationShares)} add up to {Show(sum)}",
                    "they must sum to 1 (within 1e-6): adjust other_services_share to take up the rest");
        }
        return p;
    }
}
