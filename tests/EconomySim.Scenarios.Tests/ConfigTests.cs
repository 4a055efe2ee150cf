using EconomySim.Domain;

namespace EconomySim.Scenarios.Tests;

public class ConfigTests
{
    public static TheoryData<string> Files => Repository.ScenarioFileNames();

    [Fact]
    public void The_configs_folder_holds_the_three_required_scenarios()
    {
        var names = Repository.ScenarioFiles().Select(Path.GetFileName).ToHashSet();
        Assert.Subset(names, new HashSet<string?> { "england.yaml", "greater-manchester.yaml", "greater-manchester-no-devolution.yaml" });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_config_loads_and_builds_an_economy_with_every_kind_of_organisation(string file)
    {
        var document = ScenarioLoader.Load(Repository.Config(file));
        var economy = EconomyGenerator.Build(document);

        Assert.Equal(document.Name, economy.ScenarioName);
        var expected = 1 + document.Organisations.Commissioners + document.Organisations.AcuteTrusts + document.Organisations.CommunityTrusts
            + document.Organisations.MentalHealthTrusts + document.Organisations.GpFederations + document.Organisations.Councils;
        Assert.Equal(expected, economy.Organisations.Count);
        foreach (var kind in Enum.GetValues<OrganisationKind>())
            Assert.Contains(economy.Organisations, o => o.Kind == kind);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_config_starts_with_the_schema_comment_and_comments_every_number(string file)
    {
        var lines = File.ReadAllLines(Repository.Config(file));
        Assert.Equal("# yaml-language-server: $schema=./scenario.schema.json", lines[0]);
        var uncommented = lines
            .Select((text, i) => (text, line: i + 1))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.text, @"^\s*-?\s*[a-z_]+:\s*[-+]?[\d.][\d_.]*\s*$"))
            .Select(l => $"{file}:{l.line}: {l.text.Trim()}")
            .ToList();
        // A number with no comment on its line must be explained by the comment line just above it.
        var unexplained = uncommented.Where(u =>
        {
            var line = int.Parse(u.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            return !lines[line - 2].TrimStart().StartsWith('#');
        }).ToList();
        Assert.Empty(unexplained);
    }

    [Fact]
    public void England_has_the_domain_counts_and_about_1650_organisations()
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("england.yaml")));

        Assert.InRange(economy.Organisations.Count, 1600, 1700);
        Assert.Single(economy.OfKind<NationalFunderProfile>());
        Assert.Equal(42, economy.OfKind<CommissionerProfile>().Count());
        var trusts = economy.OfKind<TrustProfile>().ToList();
        Assert.InRange(trusts.Count, 200, 220);
        Assert.Equal(15, trusts.Count(t => t.Type == TrustType.Community));
        Assert.Equal(50, trusts.Count(t => t.Type == TrustType.MentalHealth));
        Assert.Equal(1250, economy.OfKind<GpFederationProfile>().Count());
        Assert.Equal(153, economy.OfKind<CouncilProfile>().Count());
        Assert.Equal(7, economy.OfKind<CommissionerProfile>().Select(c => c.Region).Distinct().Count());
    }

    [Fact]
    public void England_per_head_and_per_organisation_figures_come_out_of_the_totals()
    {
        var document = ScenarioLoader.Load(Repository.Config("england.yaml"));
        var economy = EconomyGenerator.Build(document);
        var commissioners = economy.OfKind<CommissionerProfile>().ToList();
        var population = commissioners.Sum(c => c.Population);

        Assert.Equal(document.Organisations.Population, population);
        Assert.Equal(document.Organisations.Population, economy.OfKind<GpFederationProfile>().Sum(g => g.ListSize));
        Assert.Equal(document.Organisations.Population, economy.OfKind<CouncilProfile>().Sum(c => c.Population));
        Assert.Equal(document.Organisations.GeneralAndAcuteBeds, economy.OfKind<TrustProfile>().Where(t => t.Type == TrustType.Acute).Sum(t => t.Beds));

        // DOMAIN.md magnitudes: about £2,230 a head, about 6.4m emergency admissions, about 7.5m waiting.
        var perHead = economy.Parameters.Funder.CommissionerAllocations.Pounds / population;
        Assert.InRange(perHead, 2_100m, 2_400m);
        Assert.InRange(economy.Parameters.PrimaryCare.EmergencyAdmissionsPerHead * population, 6.2e6, 6.6e6);
        Assert.InRange(economy.Parameters.Trusts.InitialWaitingListPerHead * population, 7.3e6, 7.7e6);
        var councils = economy.OfKind<CouncilProfile>().ToList();
        Assert.InRange(councils.Sum(c => c.OlderPopulation) / (double)population, 0.18, 0.20);
    }

    [Fact]
    public void England_first_year_acute_activity_at_list_prices_roughly_spends_the_acute_budget()
    {
        var p = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("england.yaml"))).Parameters;
        var population = 57_000_000.0;
        var pc = p.PrimaryCare;
        var referrals = population * pc.CapacityPerHead * pc.ReferralsPerAppointment;
        var activityCost = population * pc.EmergencyAdmissionsPerHead * (double)p.Contracts.EmergencyPrice.Pounds
            + population * pc.AandEAttendancesPerHead * (double)p.Contracts.AandEPrice.Pounds
            + referrals * (double)p.Contracts.ElectivePrice.Pounds;
        var acuteBudget = (double)p.Funder.CommissionerAllocations.Pounds * p.Commissioning.AcuteShare;

        Assert.InRange(activityCost / acuteBudget, 0.9, 1.1);
    }

    [Fact]
    public void Greater_manchester_spends_more_than_6bn_about_2200_a_head_with_450m_over_five_years()
    {
        var document = ScenarioLoader.Load(Repository.Config("greater-manchester.yaml"));
        var f = document.Parameters.Funder;
        var pool = f.CommissionerAllocations + f.PublicHealthGrant + f.SocialCareGrant + document.Parameters.SocialCare.OwnResources;

        // "A sum of more than £6 billion" for 2.8 million residents (gmhsc.org.uk); DOMAIN.md: about £2,140 a head.
        Assert.InRange(pool.Pounds, 6_000_000_000m, 6_300_000_000m);
        Assert.InRange(pool.Pounds / document.Organisations.Population, 2_140m, 2_250m);
        Assert.Equal((Money.FromPounds(450_000_000m), 5), (f.PumpPrimeFunding, f.PumpPrimeYears));
        Assert.Equal(AllocationRegime.DevolvedPooled, document.Parameters.Governance.Allocation);
        Assert.Equal(PaymentRegime.Capitation, document.Parameters.Contracts.Acute);
        Assert.Equal(DecisionRule.QualifiedMajority, document.Parameters.Governance.DecisionRule);
        Assert.Equal(BailoutRegime.SystemDistress, document.Parameters.Governance.Bailout);

        var economy = EconomyGenerator.Build(document);
        Assert.Equal(12, economy.OfKind<CommissionerProfile>().Count());
        Assert.Equal(
            new[] { "Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside", "Trafford", "Wigan" },
            economy.OfKind<CouncilProfile>().Select(c => c.Name));
        // 10 councils for 12 CCGs: two commissioners have no council of their own.
        Assert.Equal(10, economy.OfKind<CouncilProfile>().Select(c => c.Commissioner).Distinct().Count());
    }

    [Fact]
    public void Greater_manchester_differs_from_its_counterfactual_only_in_the_keys_of_the_deal()
    {
        var devolved = Flatten(ScenarioJson.FromYamlFile(Repository.Config("greater-manchester.yaml")));
        var counterfactual = Flatten(ScenarioJson.FromYamlFile(Repository.Config("greater-manchester-no-devolution.yaml")));
        var deal = Flatten(ScenarioJson.FromYamlFile(Repository.Config("greater-manchester.yaml"), resolveExtends: false))
            .Keys.Where(k => k != "extends").ToHashSet();

        var differing = devolved.Keys.Where(k => !counterfactual.TryGetValue(k, out var v) || v != devolved[k]).ToHashSet();
        Assert.Equal(deal.Order(), differing.Order());
        Assert.Empty(counterfactual.Keys.Except(devolved.Keys));
        Assert.Contains("governance.allocation", differing);
        Assert.Contains("contracts.acute_payment", differing);
        Assert.Contains("funder.pump_prime_funding_gbp", differing);
    }

    [Fact]
    public void The_counterfactual_runs_on_the_same_organisations_as_greater_manchester()
    {
        var devolved = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("greater-manchester.yaml")));
        var counterfactual = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("greater-manchester-no-devolution.yaml")));

        Assert.Equal(Canonical.Of(devolved with { ScenarioName = "", Parameters = counterfactual.Parameters }), Canonical.Of(counterfactual with { ScenarioName = "" }));
        Assert.NotEqual(devolved.Parameters, counterfactual.Parameters);
        Assert.Equal(AllocationRegime.Central, counterfactual.Parameters.Governance.Allocation);
        Assert.Equal(PaymentRegime.MarginalEmergencyRate, counterfactual.Parameters.Contracts.Acute);
        Assert.Equal(BailoutRegime.PerTrust, counterfactual.Parameters.Governance.Bailout);
        Assert.Equal(DecisionRule.Unanimity, counterfactual.Parameters.Governance.DecisionRule);
        Assert.Equal(Money.Zero, counterfactual.Parameters.Funder.PumpPrimeFunding);
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var result = new Dictionary<string, string>();
        void Walk(System.Text.Json.JsonElement e, string path)
        {
            switch (e.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}");
                    break;
                default:
                    // Lists replace whole, so a list is one value.
                    result[path] = e.GetRawText();
                    break;
            }
        }
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Walk(doc.RootElement, "");
        return result;
    }
}
