using EconomySim.Domain;
using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>Policy changes in scenario files, and experiment files, checked with the same file:line:key messages.</summary>
public sealed class PolicyChangeAndExperimentFileTests : IDisposable
{
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");
    private readonly string _england;

    public PolicyChangeAndExperimentFileTests() => _england = _dir.Write("england.yaml", File.ReadAllText(Repository.Config("england.yaml")));

    public void Dispose() => _dir.Dispose();

    private static int LineOf(string text, string fragment) => text.Split('\n').ToList().FindIndex(l => l.Contains(fragment, StringComparison.Ordinal)) + 1;

    [Fact]
    public void The_devolution_switch_is_central_before_april_2016_and_devolved_from_it()
    {
        var scenario = ScenarioLoader.Load(Repository.Config("greater-manchester-devolution-2016.yaml"));
        var p = scenario.Parameters;
        Assert.Equal(2015, p.StartYear);
        var change = Assert.Single(p.PolicyChanges);
        Assert.Equal(2016, change.Year);
        Assert.Equal(AllocationRegime.Central, p.In(2015).Governance.Allocation);
        Assert.Equal(PaymentRegime.MarginalEmergencyRate, p.In(2015).Contracts.Acute);
        Assert.Equal(Money.Zero, p.In(2015).Funder.PumpPrimeFunding);
        Assert.Equal(AllocationRegime.DevolvedPooled, p.In(2016).Governance.Allocation);
        Assert.Equal((Money.FromPounds(450_000_000m), 5), (p.In(2016).Funder.PumpPrimeFunding, p.In(2016).Funder.PumpPrimeYears));
        Assert.Equal(PaymentRegime.Capitation, p.In(2016).Contracts.Acute);
        Assert.Equal(DecisionRule.QualifiedMajority, p.In(2020).Governance.DecisionRule);
        // Keys the change does not name keep the scenario's values.
        Assert.Equal(p.Trusts, p.In(2016).Trusts);
    }

    [Fact]
    public void Later_policy_changes_build_on_earlier_ones()
    {
        var path = _dir.Write("two.yaml", """
            extends: england.yaml
            policy_changes:
              - year: 2026
                governance:
                  decision_rule: qualified_majority
              - year: 2028
                contracts:
                  acute_payment: block
            """);
        var p = ScenarioLoader.Load(path).Parameters;
        Assert.Equal(DecisionRule.QualifiedMajority, p.In(2028).Governance.DecisionRule);
        Assert.Equal(PaymentRegime.Block, p.In(2028).Contracts.Acute);
        Assert.Equal(PaymentRegime.Blended, p.In(2027).Contracts.Acute);
    }

    [Theory]
    [InlineData("    governance:\n      decision_rule: consensus", "policy_changes[0].governance.decision_rule", "unknown decision rule `consensus`", 5)]
    [InlineData("    governance:\n      decison_rule: unanimity", "policy_changes[0].governance.decison_rule", "unknown key `decison_rule` (did you mean `decision_rule`?)", 5)]
    [InlineData("    organisations:\n      population: 5", "policy_changes[0].organisations", "`organisations` cannot change during a run", 4)]
    [InlineData("    contracts:\n      marginal_emergency_rate: 1.5", "policy_changes[0].contracts.marginal_emergency_rate", "1.5 is out of range", 5)]
    public void A_mistake_in_a_policy_change_is_reported_where_it_was_written(string body, string key, string problem, int line)
    {
        var text = $"extends: england.yaml\npolicy_changes:\n  - year: 2026\n{body}\n";
        var path = _dir.Write("bad.yaml", text);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        var error = Assert.Single(e.Errors);
        Assert.Equal(key, error.Key);
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(problem, error.Problem);
    }

    [Fact]
    public void A_policy_change_outside_the_run_or_out_of_order_is_refused_at_its_year()
    {
        var outside = _dir.Write("outside.yaml", "extends: england.yaml\npolicy_changes:\n  - year: 2024\n    funder:\n      pace_of_change: 0.3\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(outside));
        Assert.Equal("policy_changes[0].year", e.Key);
        Assert.Contains("between 2025 and 2033", e.Message);

        var order = _dir.Write("order.yaml", "extends: england.yaml\npolicy_changes:\n  - year: 2027\n    funder: {pace_of_change: 0.3}\n  - year: 2026\n    funder: {pace_of_change: 0.4}\n");
        e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(order));
        Assert.Equal("policy_changes[1].year", e.Key);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Flat_cash_growth_shares_must_add_up_to_one()
    {
        var path = _dir.Write("flat.yaml", "extends: england.yaml\ncommissioning:\n  acute_growth: flat_cash\n  flat_cash_growth_to_primary_care: 0.5\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Contains("growth shares", e.Message);
    }

    private string Experiment(string body) => _dir.Write("experiment.yaml", "experiment:\n  name: test\n  scenario: england.yaml\n  replications: 3\n" + body);

    private const string TwoVariants = "variants:\n  - name: a\n    set:\n      contracts.acute_payment: block\n  - name: b\n";

    [Fact]
    public void An_experiment_binds_each_variants_overrides_over_the_base_scenario()
    {
        var path = Experiment(TwoVariants + "expect:\n  - metric: waiting_list\n    year: 2030\n    lower: b\n    than: a\n");
        Assert.True(ExperimentLoader.IsExperiment(path));
        Assert.False(ExperimentLoader.IsExperiment(_england));
        var experiment = ExperimentLoader.Load(path);
        Assert.Equal(PaymentRegime.Block, experiment.Variants[0].Scenario.Parameters.Contracts.Acute);
        Assert.Equal(PaymentRegime.Blended, experiment.Variants[1].Scenario.Parameters.Contracts.Acute);
        Assert.Equal(experiment.Base.Parameters.Trusts, experiment.Variants[0].Scenario.Parameters.Trusts);
        Assert.Equal(3, experiment.Replications);
        Assert.Equal("test-a-r2-2", experiment.RunIdOf("a", 1));
        var expectation = Assert.Single(experiment.Expectations);
        Assert.Equal(ExpectedDirection.Lower, expectation.Direction);
        Assert.Equal(5 + 6, expectation.Line);
    }

    [Theory]
    [InlineData("variants:\n  - name: a\n    set:\n      contracts.acute_paymnt: block\n  - name: b\nexpect: []\n", 8, "variants[0].set.contracts.acute_paymnt", "unknown key `acute_paymnt` (did you mean `acute_payment`?)")]
    [InlineData("variants:\n  - name: a\n    set:\n      contracts.acute_payment: blok\n  - name: b\nexpect: []\n", 8, "variants[0].set.contracts.acute_payment", "unknown payment regime `blok` (did you mean `block`?)")]
    [InlineData(TwoVariants + "expect:\n  - metric: waiting_lst\n    lower: a\n    than: b\n", 11, "expect[0].metric", "unknown metric `waiting_lst` (did you mean `waiting_list`?)")]
    [InlineData(TwoVariants + "expect:\n  - metric: waiting_list\n    lower: a\n    than: c\n", 13, "expect[0].than", "unknown variant `c`")]
    [InlineData(TwoVariants + "expect:\n  - metric: waiting_list\n    year: 2050\n    lower: a\n    than: b\n", 12, "expect[0].year", "2050 is not a year of the runs")]
    [InlineData(TwoVariants + "expect:\n  - metric: waiting_list\n    than: b\n", 11, "expect[0]", "says neither `lower:` nor `higher:`")]
    [InlineData("variants:\n  - name: a\n  - name: a\nexpect: []\n", 7, "variants[1].name", "the variant name `a` is used twice")]
    public void Mistakes_in_experiment_files_are_reported_at_file_line_and_key(string body, int line, string key, string problem)
    {
        var path = Experiment(body);
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path));
        var error = e.Errors[0];
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(key, error.Key);
        Assert.StartsWith(problem, error.Problem);
    }

    [Fact]
    public void An_experiment_without_its_required_keys_says_which_are_missing()
    {
        var path = _dir.Write("empty.yaml", "experiment:\n  name: x\n");
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path));
        Assert.Contains(e.Errors, x => x.Key == "experiment.scenario");
        Assert.Contains(e.Errors, x => x.Key == "experiment.replications");
        Assert.Contains(e.Errors, x => x.Key == "variants");
    }
}
