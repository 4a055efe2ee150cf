using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static SocialCareParameters SocialCare(SectionReader s) => new(
        OwnResources: s.Pounds("own_resources_gbp", Total),
        CostPerPersonSupported: s.Pounds("cost_per_person_supported_gbp", Price),
        NeedPerOlderPerson: s.Number("need_per_older_person", Fraction),
        SupplyAdjustment: s.Number("supply_adjustment", Fraction),
        PublicHealthShareOfGrant: s.Number("public_health_share_of_grant", Fraction),
        CostInflation: OptionalNumber(s, "cost_inflation", AnnualChange),
        OwnResourcesGrowth: OptionalNumber(s, "own_resources_growth", AnnualChange));
}
