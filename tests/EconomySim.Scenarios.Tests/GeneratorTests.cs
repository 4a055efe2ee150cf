using System.Reflection;
using EconomySim.Domain;

namespace EconomySim.Scenarios.Tests;

public class GeneratorTests
{
    private static readonly Lazy<ScenarioDocument> EnglandDocument = new(() => ScenarioLoader.Load(Repository.Config("england.yaml")));
    private static readonly Lazy<EconomyDefinition> England = new(() => EconomyGenerator.Build(EnglandDocument.Value));

    public static TheoryData<string> Files => Repository.ScenarioFileNames();

    [Fact]
    public void Building_twice_gives_identical_definitions()
    {
        var document = ScenarioLoader.Load(Repository.Config("england.yaml"));
        Assert.Equal(Canonical.Of(EconomyGenerator.Build(document)), Canonical.Of(EconomyGenerator.Build(document)));
        Assert.Equal(Canonical.Of(England.Value), Canonical.Of(EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("england.yaml")))));
    }

    [Fact]
    public void A_different_structure_seed_lays_out_a_different_economy_with_the_same_counts()
    {
        var reseeded = EconomyGenerator.Build(EnglandDocument.Value with { StructureSeed = EnglandDocument.Value.StructureSeed + 1 });

        Assert.NotEqual(Canonical.Of(England.Value), Canonical.Of(reseeded));
        Assert.Equal(England.Value.Organisations.Count, reseeded.Organisations.Count);
        Assert.Equal(England.Value.Organisations.Select(o => o.Code), reseeded.Organisations.Select(o => o.Code));
    }

    [Fact]
    public void Organisations_are_indexed_densely_in_the_canonical_order_with_padded_codes()
    {
        var orgs = England.Value.Organisations;
        Assert.Equal(Enumerable.Range(0, orgs.Count), orgs.Select(o => o.Index));
        Assert.Equal(orgs.Count, orgs.Select(o => o.Code).Distinct().Count());

        var kinds = orgs.Select(o => o is TrustProfile t ? $"{o.Kind}.{t.Type}" : o.Kind.ToString()).ToList();
        string[] order = ["NationalFunder", "Commissioner", "Trust.Acute", "Trust.Community", "Trust.MentalHealth", "GpFederation", "Council"];
        Assert.Equal(order, kinds.Distinct());
        Assert.True(kinds.Select(k => Array.IndexOf(order, k)).Zip(kinds.Skip(1).Select(k => Array.IndexOf(order, k))).All(p => p.First <= p.Second));

        Assert.Equal("NF", orgs[0].Code);
        Assert.Equal("COM-001", orgs[1].Code);
        Assert.Equal("TRA-001", orgs.OfType<TrustProfile>().First(t => t.Type == TrustType.Acute).Code);
        Assert.Equal("TRC-001", orgs.OfType<TrustProfile>().First(t => t.Type == TrustType.Community).Code);
        Assert.Equal("TRM-001", orgs.OfType<TrustProfile>().First(t => t.Type == TrustType.MentalHealth).Code);
        Assert.Equal("GPF-0001", orgs.OfType<GpFederationProfile>().First().Code);
        Assert.Equal("GPF-1250", orgs.OfType<GpFederationProfile>().Last().Code);
        Assert.Equal("CNL-153", orgs.OfType<CouncilProfile>().Last().Code);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Commissioner_envelope_shares_sum_to_one_and_need_averages_one(string file)
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config(file)));
        var commissioners = economy.OfKind<CommissionerProfile>().ToList();

        Assert.Equal(1.0, commissioners.Sum(c => c.InitialShareOfEnvelope), 12);
        Assert.All(commissioners, c => Assert.True(c.InitialShareOfEnvelope > 0));
        var population = commissioners.Sum(c => (double)c.Population);
        Assert.Equal(1.0, commissioners.Sum(c => c.Population * c.NeedIndex) / population, 12);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Trust_shares_of_type_budget_sum_to_one_per_commissioner_and_type(string file)
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config(file)));
        var groups = economy.OfKind<TrustProfile>().GroupBy(t => (t.Commissioner, t.Type)).ToList();

        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Equal(1.0, g.Sum(t => t.ShareOfTypeBudget), 12));
        var commissioners = economy.OfKind<CommissionerProfile>().Select(c => c.Index).ToHashSet();
        Assert.All(commissioners, c => Assert.Contains(groups, g => g.Key == (c, TrustType.Acute)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Gp_federations_and_councils_refer_to_acute_trusts_of_their_own_commissioner(string file)
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config(file)));
        var trusts = economy.OfKind<TrustProfile>().ToDictionary(t => t.Index);
        var commissioners = economy.OfKind<CommissionerProfile>().ToDictionary(c => c.Index);

        void Check(int commissioner, IReadOnlyList<int> acute, IReadOnlyList<double> weights)
        {
            Assert.True(commissioners.ContainsKey(commissioner));
            Assert.NotEmpty(acute);
            Assert.Equal(acute.Count, weights.Count);
            Assert.All(acute, i => Assert.Equal((TrustType.Acute, commissioner), (trusts[i].Type, trusts[i].Commissioner)));
            Assert.Equal(trusts.Values.Count(t => t.Type == TrustType.Acute && t.Commissioner == commissioner), acute.Count);
            Assert.Equal(1.0, weights.Sum(), 12);
        }
        foreach (var g in economy.OfKind<GpFederationProfile>()) Check(g.Commissioner, g.AcuteTrusts, g.ReferralWeights);
        foreach (var c in economy.OfKind<CouncilProfile>()) Check(c.Commissioner, c.AcuteTrusts, c.DischargeWeights);
    }

    [Fact]
    public void Every_commissioner_has_a_gp_federation_and_its_lists_add_up_to_its_population()
    {
        var economy = England.Value;
        var lists = economy.OfKind<GpFederationProfile>().GroupBy(g => g.Commissioner).ToDictionary(g => g.Key, g => g.Sum(x => x.ListSize));
        Assert.All(economy.OfKind<CommissionerProfile>(), c => Assert.Equal(c.Population, lists[c.Index]));
        Assert.All(economy.OfKind<GpFederationProfile>(), g => Assert.True(g.ListSize > 0 && g.NeedIndex > 0));
    }

    [Fact]
    public void Trusts_take_their_market_forces_factor_and_region_from_their_commissioner()
    {
        var economy = England.Value;
        var regions = EnglandDocument.Value.Organisations.Regions.ToDictionary(r => r.Name);
        var commissioners = economy.OfKind<CommissionerProfile>().ToDictionary(c => c.Index);
        Assert.All(economy.OfKind<TrustProfile>(), t =>
        {
            Assert.Equal(commissioners[t.Commissioner].Region, t.Region);
            Assert.Equal(regions[t.Region].MarketForcesFactor, t.MarketForcesFactor);
            Assert.True(t.Beds >= 1);
        });
        Assert.All(economy.OfKind<TrustProfile>().Where(t => t.Type != TrustType.Acute), t => Assert.False(t.HasEmergencyDepartment || t.HasMaternityUnit));
    }

    [Fact]
    public void Emergency_departments_and_maternity_units_follow_the_file_shares_and_reach_every_large_system()
    {
        var document = EnglandDocument.Value;
        var acute = England.Value.OfKind<TrustProfile>().Where(t => t.Type == TrustType.Acute).ToList();

        Assert.Equal((int)Math.Round(document.Organisations.EmergencyDepartmentShare * acute.Count, MidpointRounding.AwayFromZero), acute.Count(t => t.HasEmergencyDepartment));
        Assert.Equal((int)Math.Round(document.Organisations.MaternityUnitShare * acute.Count, MidpointRounding.AwayFromZero), acute.Count(t => t.HasMaternityUnit));
        // More departments than commissioners in England, so every system keeps one.
        Assert.All(acute.GroupBy(t => t.Commissioner), g => Assert.Contains(g, t => t.HasEmergencyDepartment));
    }

    [Fact]
    public void Scale_ten_gives_ten_times_the_organisations_with_the_same_per_organisation_magnitudes()
    {
        var one = England.Value;
        var ten = EconomyGenerator.Build(EnglandDocument.Value, scale: 10);

        foreach (var kind in Enum.GetValues<OrganisationKind>().Where(k => k != OrganisationKind.NationalFunder))
            Assert.Equal(10 * one.Organisations.Count(o => o.Kind == kind), ten.Organisations.Count(o => o.Kind == kind));
        Assert.Single(ten.OfKind<NationalFunderProfile>());

        static double MeanBeds(EconomyDefinition d, TrustType t) => d.OfKind<TrustProfile>().Where(x => x.Type == t).Average(x => x.Beds);
        foreach (var type in Enum.GetValues<TrustType>())
            Assert.Equal(MeanBeds(one, type), MeanBeds(ten, type), 6);
        Assert.Equal(one.OfKind<CommissionerProfile>().Average(c => c.Population), ten.OfKind<CommissionerProfile>().Average(c => c.Population), 6);
        Assert.Equal(one.OfKind<GpFederationProfile>().Average(g => g.ListSize), ten.OfKind<GpFederationProfile>().Average(g => g.ListSize), 6);
        Assert.Equal(one.OfKind<CouncilProfile>().Average(c => c.Population), ten.OfKind<CouncilProfile>().Average(c => c.Population), 6);
        Assert.Equal(
            one.Parameters.Funder.CommissionerAllocations.Pounds / one.OfKind<CommissionerProfile>().Count(),
            ten.Parameters.Funder.CommissionerAllocations.Pounds / ten.OfKind<CommissionerProfile>().Count());
        Assert.Equal(1.0, ten.OfKind<CommissionerProfile>().Sum(c => c.InitialShareOfEnvelope), 12);
    }

    [Fact]
    public void Scaling_multiplies_every_money_total_and_no_price()
    {
        var one = EnglandDocument.Value.Parameters;
        var ten = EconomyGenerator.Build(EnglandDocument.Value, scale: 10).Parameters;
        var money = MoneyParameters(one).ToList();

        // Every Money parameter is classified, so a new one cannot silently escape scaling.
        Assert.Equal(money.Select(m => m.Path).Order(), EconomyGenerator.ScaledMoney.Concat(EconomyGenerator.UnscaledMoney).Order());
        var scaled = MoneyParameters(ten).ToDictionary(m => m.Path, m => m.Value);
        foreach (var (path, value) in money)
        {
            var factor = EconomyGenerator.ScaledMoney.Contains(path) ? 10 : 1;
            Assert.True(value.Pence * factor == scaled[path].Pence, $"{path}: {value} at scale 1, {scaled[path]} at scale 10");
        }
        Assert.Contains(money, m => m.Value.IsPositive && EconomyGenerator.ScaledMoney.Contains(m.Path));
    }

    [Fact]
    public void Years_overrides_the_scenario_and_out_of_range_arguments_are_refused()
    {
        Assert.Equal(3, EconomyGenerator.Build(EnglandDocument.Value, years: 3).Parameters.Years);
        Assert.Equal(EnglandDocument.Value.Parameters.Years, England.Value.Parameters.Years);
        Assert.Throws<ArgumentOutOfRangeException>(() => EconomyGenerator.Build(EnglandDocument.Value, scale: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EconomyGenerator.Build(EnglandDocument.Value, years: 0));
    }

    [Fact]
    public void A_document_changed_in_code_into_an_impossible_structure_is_refused_plainly()
    {
        var broken = EnglandDocument.Value with { Organisations = EnglandDocument.Value.Organisations with { AcuteTrusts = 10 } };
        var e = Assert.Throws<ArgumentException>(() => EconomyGenerator.Build(broken));
        Assert.Contains("fewer acute trusts than commissioners", e.Message);
    }

    [Fact]
    public void Fewer_councils_than_commissioners_leaves_the_smallest_commissioners_without_one()
    {
        var gm = ScenarioLoader.Load(Repository.Config("greater-manchester.yaml"));
        var economy = EconomyGenerator.Build(gm);
        var withCouncil = economy.OfKind<CouncilProfile>().Select(c => c.Commissioner).ToHashSet();
        var commissioners = economy.OfKind<CommissionerProfile>().ToList();
        var without = commissioners.Where(c => !withCouncil.Contains(c.Index)).ToList();

        Assert.Equal(2, without.Count);
        Assert.True(without.Max(c => c.Population) <= commissioners.Where(c => withCouncil.Contains(c.Index)).Min(c => c.Population));
        Assert.Equal(gm.Organisations.Population, economy.OfKind<CouncilProfile>().Sum(c => c.Population));
    }

    [Fact]
    public void Names_repeat_with_a_copy_number_when_the_economy_is_scaled()
    {
        var gm = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("greater-manchester.yaml")), scale: 2);
        var names = gm.OfKind<CouncilProfile>().Select(c => c.Name).ToList();
        Assert.Equal(20, names.Count);
        Assert.Equal("Bolton", names[0]);
        Assert.Equal("Bolton (2)", names[10]);
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static IEnumerable<(string Path, Money Value)> MoneyParameters(EconomyParameters p)
    {
        foreach (var section in typeof(EconomyParameters).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = section.GetValue(p);
            if (value is null || section.PropertyType.IsPrimitive) continue;
            foreach (var field in section.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (field.PropertyType == typeof(Money))
                    yield return ($"{section.Name}.{field.Name}", (Money)field.GetValue(value)!);
        }
    }
}
