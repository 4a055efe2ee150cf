using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static OrganisationStructure Organisations(SectionReader s)
    {
        var o = new OrganisationStructure(
            Regions: s.SectionList("regions", r => new RegionDefinition(
                Name: r.Text("name"),
                PopulationShare: r.Number("population_share", AboveZeroUpTo(1)),
                MarketForcesFactor: r.Number("market_forces_factor", Between(0.5m, 2))), minimumItems: 1),
            Population: s.Long("population", People),
            Commissioners: s.Integer("commissioners", Counts),
            AcuteTrusts: s.Integer("acute_trusts", Counts),
            CommunityTrusts: s.Integer("community_trusts", Counts),
            MentalHealthTrusts: s.Integer("mental_health_trusts", Counts),
            GpFederations: s.Integer("gp_federations", Counts),
            Councils: s.Integer("councils", Counts),
            GeneralAndAcuteBeds: s.Integer("general_and_acute_beds", Beds),
            CommunityBeds: s.Integer("community_beds", Beds),
            MentalHealthBeds: s.Integer("mental_health_beds", Beds),
            OlderPopulationShare: s.Number("older_population_share", Fraction),
            CommissionerSizeSpread: s.Number("commissioner_size_spread", Spread),
            NeedIndexSpread: s.Number("need_index_spread", Spread),
            InitialDistanceFromTargetSpread: s.Number("initial_distance_from_target_spread", Spread),
            TrustSizeSpread: s.Number("trust_size_spread", Spread),
            GpFederationSizeSpread: s.Number("gp_federation_size_spread", Spread),
            GpFederationNeedSpread: s.Number("gp_federation_need_spread", Spread),
            CouncilSizeSpread: s.Number("council_size_spread", Spread),
            DeprivationSpread: s.Number("deprivation_spread", Spread),
            EmergencyDepartmentShare: s.Number("emergency_department_share", Fraction),
            MaternityUnitShare: s.Number("maternity_unit_share", Fraction),
            Names: new OrganisationNames(
                Commissioners: s.TextList("commissioner_names"),
                AcuteTrusts: s.TextList("acute_trust_names"),
                CommunityTrusts: s.TextList("community_trust_names"),
                MentalHealthTrusts: s.TextList("mental_health_trust_names"),
                GpFederations: s.TextList("gp_federation_names"),
                Councils: s.TextList("council_names")));
        CheckStructure(s, o);
        return o;
    }

    /// <summary>Counts and totals the generator cannot lay out; said in the file's terms, at the key to change.</summary>
    private static void CheckStructure(SectionReader s, OrganisationStructure o)
    {
        if (s.AllValid("regions"))
        {
            var sum = o.Regions.Sum(r => (decimal)r.PopulationShare);
            if (Math.Abs(sum - 1m) > 1e-6m)
                s.Fail("regions", $"the regions' population shares add up to {Show(sum)}", "they must sum to 1 (within 1e-6)");
            var duplicate = o.Regions.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                s.Fail("regions", $"the region `{duplicate.Key}` is listed {duplicate.Count()} times", "each region once, with a distinct name");
        }
        if (s.AllValid("regions", "commissioners") && o.Commissioners < o.Regions.Count)
            s.Fail("commissioners", $"{o.Commissioners} commissioner(s) cannot cover {o.Regions.Count} regions",
                $"every region needs at least one commissioner, so commissioners must be at least {o.Regions.Count}");
        AtLeastAsMany(s, "acute_trusts", o.AcuteTrusts, "acute trusts", "commissioners", o.Commissioners,
            "every commissioner needs at least one acute trust");
        AtLeastAsMany(s, "gp_federations", o.GpFederations, "GP federations", "commissioners", o.Commissioners,
            "every commissioner needs at least one GP federation");
        AtLeastAsMany(s, "general_and_acute_beds", o.GeneralAndAcuteBeds, "general and acute beds", "acute_trusts", o.AcuteTrusts,
            "every acute trust needs at least one bed");
        AtLeastAsMany(s, "community_beds", o.CommunityBeds, "community beds", "community_trusts", o.CommunityTrusts,
            "every community trust needs at least one bed");
        AtLeastAsMany(s, "mental_health_beds", o.MentalHealthBeds, "mental health beds", "mental_health_trusts", o.MentalHealthTrusts,
            "every mental health trust needs at least one bed");
        if (s.AllValid("population", "gp_federations", "councils"))
        {
            var needed = Math.Max(o.GpFederations, o.Councils);
            if (o.Population < needed)
                s.Fail("population", $"{o.Population} people cannot fill {o.GpFederations} GP federations and {o.Councils} councils",
                    $"every GP federation and council needs at least one resident, so population must be at least {needed}");
        }
        NamesMatch(s, "commissioner_names", o.Names.Commissioners, "commissioners", o.Commissioners);
        NamesMatch(s, "acute_trust_names", o.Names.AcuteTrusts, "acute_trusts", o.AcuteTrusts);
        NamesMatch(s, "community_trust_names", o.Names.CommunityTrusts, "community_trusts", o.CommunityTrusts);
        NamesMatch(s, "mental_health_trust_names", o.Names.MentalHealthTrusts, "mental_health_trusts", o.MentalHealthTrusts);
        NamesMatch(s, "gp_federation_names", o.Names.GpFederations, "gp_federations", o.GpFederations);
        NamesMatch(s, "council_names", o.Names.Councils, "councils", o.Councils);
    }

    private static void AtLeastAsMany(SectionReader s, string key, int value, string what, string otherKey, int other, string why)
    {
        if (s.AllValid(key, otherKey) && value < other)
            s.Fail(key, $"{value} {what} are fewer than the {other} {otherKey.Replace('_', ' ')}",
                $"{why}, so {key} must be at least {other}");
    }

    private static void NamesMatch(SectionReader s, string key, IReadOnlyList<string> names, string countKey, int count)
    {
        if (names.Count > 0 && s.AllValid(key, countKey) && names.Count != count)
            s.Fail(key, $"{names.Count} names for {count} {countKey.Replace('_', ' ')}",
                $"give exactly one name per organisation ({count}), or leave {key} out to generate names from codes");
        // Names tell organisations apart in every table and chart; two alike (in any case) would be read as one.
        var duplicate = names.GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null && s.AllValid(key))
            s.Fail(key, $"the name `{duplicate.Key}` is given {duplicate.Count()} times",
                "each organisation needs a name of its own");
    }
}
