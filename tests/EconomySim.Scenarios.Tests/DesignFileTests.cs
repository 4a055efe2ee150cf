using EconomySim.Designs;
using EconomySim.Domain;
using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>Parameter spaces and designs in experiment files: their reading, their quantile mapping and their mistakes, each at file:line:key.</summary>
public sealed class DesignFileTests : IDisposable
{
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public DesignFileTests() => _dir.Write("england.yaml", File.ReadAllText(Repository.Config("england.yaml")));

    public void Dispose() => _dir.Dispose();

    // Lines 1-4; a body starts at line 5.
    private string Experiment(string body, int replications = 1) =>
        _dir.Write("design.yaml", $"experiment:\n  name: test\n  scenario: england.yaml\n  replications: {replications}\n" + body);

    private const string Grid = "design:\n  method: grid\n  samples: 3\n";

    private static DesignParameter Parameter(ParameterDistribution distribution, double low = 0, double high = 0, double mean = 0, double sd = 0,
        ParameterKind kind = ParameterKind.Number, IReadOnlyList<double>? values = null) =>
        new("x", distribution, kind, low, high, mean, sd, values ?? [], "", 1);

    [Fact]
    public void A_grid_design_without_variants_runs_the_base_arm_at_every_point()
    {
        var path = Experiment("  scale: 2\n" + Grid + """
            parameters:
              - key: funder.allocation_growth
                uniform: [0.01, 0.05]
                source: NHS England allocations 2016-2024
              - key: funder.pump_prime_years
                values: [1, 3, 5]
            """);
        var experiment = ExperimentLoader.Load(path);
        var arm = Assert.Single(experiment.Variants);
        Assert.Equal(ExperimentLoader.BaseArm, arm.Name);
        Assert.Equal(2, experiment.Scale);
        Assert.Empty(experiment.Expectations);
        Assert.Equal(new DesignRequest(DesignMethod.Grid, 2, 3, 1), experiment.Design);
        Assert.Equal(9, experiment.Points.Count);
        Assert.Equal(9, experiment.RunCount);
        Assert.Equal(["funder.allocation_growth", "funder.pump_prime_years"], experiment.Space!.Parameters.Select(p => p.Key));
        Assert.Equal(ParameterKind.Integer, experiment.Space.Parameters[1].Kind);
        Assert.Equal("NHS England allocations 2016-2024", experiment.Space.Parameters[0].Source);
        // The grid's last dimension varies fastest.
        Assert.Equal([0.01, 1], experiment.Points[0].Values);
        Assert.Equal([0.01, 3], experiment.Points[1].Values);
        Assert.Equal(0.03, experiment.Points[4].Values[0], 12);
        Assert.Equal([0.05, 5], experiment.Points[8].Values);
        Assert.Equal("test-base-p9-r1-1", experiment.RunIdOf("base", 0, experiment.Points[8]));
        Assert.Equal("test-base-r1-1", experiment.RunIdOf("base", 0, null));
    }

    [Fact]
    public void A_design_points_scenario_is_the_variant_with_the_points_values_bound_as_overrides()
    {
        var path = Experiment(Grid + """
            variants:
              - name: block
                set:
                  contracts.acute_payment: block
            parameters:
              - key: funder.allocation_growth
                uniform: [0.01, 0.05]
              - key: funder.pump_prime_years
                uniform: [1, 5]
            """);
        var experiment = ExperimentLoader.Load(path);
        var variant = experiment.Variants[0];
        var scenario = ExperimentArms.ScenarioOf(experiment, variant, [0.02, 4]);
        Assert.Equal(0.02, (double)scenario.Parameters.Funder.AllocationGrowth, 12);
        Assert.Equal(4, scenario.Parameters.Funder.PumpPrimeYears);
        Assert.Equal(PaymentRegime.Block, scenario.Parameters.Contracts.Acute);
        Assert.NotEqual(variant.Scenario.Sha256, scenario.Sha256);
        Assert.Contains("allocation_growth: 0.02", scenario.Text);
        Assert.Equal(experiment.Variants[0].Scenario.Parameters.Trusts, scenario.Parameters.Trusts);
    }

    [Fact]
    public void A_value_the_key_does_not_allow_is_reported_at_its_parameter_when_a_scenario_is_built_for_it()
    {
        var path = Experiment(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n");
        var experiment = ExperimentLoader.Load(path);
        var e = Assert.Throws<ScenarioException>(() => ExperimentArms.ScenarioOf(experiment, experiment.Variants[0], [3.0]));
        Assert.Equal(path, e.Errors[0].File);
        Assert.Equal(10, e.Errors[0].Line);
        Assert.Contains("out of range", e.Errors[0].Problem);
    }

    [Theory]
    [InlineData(Grid + "parameters:\n  - key: contracts.acute_payment\n    uniform: [0, 1]\n", 9, "parameters[0].key", "`contracts.acute_payment` is not a number")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growt\n    uniform: [0, 0.1]\n", 9, "parameters[0].key", "unknown key `funder.allocation_growt` (did you mean `funder.allocation_growth`?)")]
    [InlineData(Grid + "parameters:\n  - key: organisations.population\n    uniform: [1, 2]\n", 9, "parameters[0].key", "`organisations.population` cannot be varied")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 1.5]\n", 10, "parameters[0].uniform", "1.5 is outside what `funder.allocation_growth` allows")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.5, 0.1]\n", 10, "parameters[0].uniform", "the range [0.5, 0.1] is empty")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    log_uniform: [0, 0.1]\n", 10, "parameters[0].log_uniform", "the range starts at 0")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.1]\n", 10, "parameters[0].uniform", "the list has 1 item(s)")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    truncated_normal: {mean: 0.03, sd: 0.01, low: 0.05, high: 0.01}\n", 10, "parameters[0].truncated_normal.high", "the bounds [0.05, 0.01] are empty")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    normal: {mean: 0.03, sd: 0}\n", 10, "parameters[0].normal.sd", "0 is out of range")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    normal: {mean: 0.03, sd: 0.001}\n", 10, "parameters[0].normal", "a grid cannot span a normal distribution")]
    [InlineData("design:\n  method: latin_hypercube\n  samples: 10\nparameters:\n  - key: commissioning.proposal_probability\n    normal: {mean: 0.1, sd: 0.1}\n", 10, "parameters[0].normal", "-0.375")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n    values: [0.01]\n", 11, "parameters[0].values", "says both `uniform:` and `values:`")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n", 9, "parameters[0].key", "says no distribution")]
    [InlineData(Grid + "parameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n", 11, "parameters[1].key", "`funder.allocation_growth` is varied twice")]
    [InlineData("design:\n  method: sobol\n  samples: 100\nparameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n", 7, "design.samples", "sobol cannot take 100 samples")]
    [InlineData("design:\n  method: grid\n  samples: 1\nparameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n", 7, "design.samples", "grid cannot take 1 samples")]
    [InlineData("design:\n  method: sobl\n  samples: 4\nparameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n", 6, "design.method", "unknown design method `sobl` (did you mean `sobol`?)")]
    [InlineData(Grid + "variants:\n  - name: a\n", 6, "design", "a design without parameters")]
    [InlineData("variants:\n  - name: a\n  - name: b\nparameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n", 9, "parameters", "parameters without a design", 2)]
    [InlineData("variants:\n  - name: a\n  - name: b\n", 4, "experiment.replications", "1 is out of range")]
    public void Mistakes_in_parameters_and_designs_are_reported_at_file_line_and_key(string body, int line, string key, string problem, int replications = 1)
    {
        var path = Experiment(body, replications);
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path));
        var error = e.Errors[0];
        Assert.Equal((path, line, key), (error.File, error.Line, error.Key));
        Assert.StartsWith(problem, error.Problem);
    }

    [Fact]
    public void A_range_the_binder_refuses_across_keys_is_reported_at_its_parameter()
    {
        // The allocation shares must add up to the whole: raising one alone breaks them at the range's top.
        var path = Experiment(Grid + "parameters:\n  - key: commissioning.acute_share\n    uniform: [0.5, 0.6]\n");
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path));
        Assert.Equal((path, 10), (e.Errors[0].File, e.Errors[0].Line));
        Assert.StartsWith("parameters[0]", e.Errors[0].Key);
    }

    [Fact]
    public void Uniform_and_log_uniform_map_the_unit_interval_linearly_and_geometrically()
    {
        var uniform = Parameter(ParameterDistribution.Uniform, 0.1, 0.5);
        Assert.Equal(0.1, uniform.ValueAt(0), 15);
        Assert.Equal(0.3, uniform.ValueAt(0.5), 15);
        Assert.Equal(0.5, uniform.ValueAt(1), 15);
        var logUniform = Parameter(ParameterDistribution.LogUniform, 0.01, 1);
        Assert.Equal(0.1, logUniform.ValueAt(0.5), 12);
        Assert.Equal(0.01, logUniform.ValueAt(0), 12);
    }

    [Fact]
    public void Normal_quantiles_are_the_published_standard_normal_values()
    {
        // Standard normal quantiles (Abramowitz and Stegun 1964, Handbook of Mathematical Functions, ch. 26): z(0.975) = 1.959964, z(0.841345) = 1.0.
        var normal = Parameter(ParameterDistribution.Normal, mean: 10, sd: 2);
        Assert.Equal(10 + 2 * 1.959964, normal.ValueAt(0.975), 5);
        Assert.Equal(12, normal.ValueAt(0.841344746), 5);
        Assert.Equal(10, normal.ValueAt(0.5), 12);
        // The ends are kept finite, 4.753 sd out.
        Assert.Equal(10 - 2 * 4.753424, normal.ValueAt(0), 4);
    }

    [Fact]
    public void A_truncated_normal_spans_only_the_mass_between_its_bounds()
    {
        // A standard normal truncated at zero is the half-normal, whose median is z(0.75) = 0.674490.
        var halfNormal = Parameter(ParameterDistribution.TruncatedNormal, low: 0, high: 50, mean: 0, sd: 1);
        Assert.Equal(0.674490, halfNormal.ValueAt(0.5), 5);
        Assert.Equal(0, halfNormal.ValueAt(0), 12);
        var symmetric = Parameter(ParameterDistribution.TruncatedNormal, low: 2, high: 4, mean: 3, sd: 5);
        Assert.Equal(3, symmetric.ValueAt(0.5), 12);
        Assert.Equal(4, symmetric.ValueAt(1), 12);
    }

    [Fact]
    public void Listed_values_split_the_unit_interval_equally_and_keys_round_as_they_are_written()
    {
        var values = Parameter(ParameterDistribution.Values, values: [5, 7, 9]);
        Assert.Equal([5, 5, 7, 9, 9], new[] { 0, 0.3, 0.5, 0.7, 1 }.Select(values.ValueAt));
        Assert.Equal(3, Parameter(ParameterDistribution.Uniform, 1, 5, kind: ParameterKind.Integer).ValueAt(0.5));
        Assert.Equal(2, Parameter(ParameterDistribution.Uniform, 1, 5, kind: ParameterKind.Integer).ValueAt(0.15));
        Assert.Equal(1234.57, Parameter(ParameterDistribution.Uniform, 1234.567, 1234.567 + 1e-9, kind: ParameterKind.Money).ValueAt(0));
    }

    [Fact]
    public void The_shipped_sensitivity_example_is_a_sobol_design_of_six_sourced_parameters_on_greater_manchester_over_five_years()
    {
        var experiment = ExperimentLoader.Load(Repository.Config("experiments/sensitivity-greater-manchester.yaml"));
        Assert.Equal("greater-manchester", experiment.Base.Name);
        Assert.Equal(5, experiment.RunYears);
        Assert.Equal(DesignMethod.Sobol, experiment.Design!.Method);
        Assert.Equal(256, experiment.Design.Samples);
        Assert.Equal(6, experiment.Space!.Dimension);
        Assert.All(experiment.Space.Parameters, p => Assert.NotEmpty(p.Source));
        Assert.Equal(256 * (6 + 2), experiment.Points.Count);
        Assert.Equal(2 * 2048, experiment.RunCount);
    }
}
