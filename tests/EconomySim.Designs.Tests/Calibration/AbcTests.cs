using EconomySim.Designs.Calibration;

namespace EconomySim.Designs.Tests.Calibration;

public class AbcTests
{
    /// <summary>The standard deviation of a uniform prior on [0,1].</summary>
    private static readonly double PriorSd = Math.Sqrt(1.0 / 12);

    [Fact]
    public async Task Abc_smc_posterior_of_one_parameter_centres_on_the_truth_and_is_narrower_than_the_prior()
    {
        const double truth = 0.37;
        var result = await Abc.RunAsync(ToySimulators.TargetsOne(truth), 1, new AbcSettings(4, 60, 7), ToySimulators.OneParameter(2));
        Assert.Null(result.Stopped);
        Assert.Equal(4, result.Generations.Count);
        Assert.InRange(result.Mean()[0], truth - 0.05, truth + 0.05);
        Assert.InRange(result.Median()[0], truth - 0.05, truth + 0.05);
        Assert.True(Sd(result, 0) < PriorSd / 3, $"posterior sd {Sd(result, 0)} against prior sd {PriorSd}");
        Assert.Equal(1.0, result.Posterior.Sum(p => p.Weight), 9);
    }

    [Fact]
    public async Task Abc_smc_tolerance_falls_generation_by_generation()
    {
        var result = await Abc.RunAsync(ToySimulators.TargetsOne(0.5), 1, new AbcSettings(4, 40, 3), ToySimulators.OneParameter(1));
        var tolerances = result.Generations.Select(g => g.Tolerance).ToList();
        for (var i = 1; i < tolerances.Count; i++) Assert.True(tolerances[i] < tolerances[i - 1], $"tolerance {tolerances[i]} after {tolerances[i - 1]}");
    }

    [Fact]
    public async Task Abc_smc_posterior_of_two_parameters_centres_on_the_truth()
    {
        double[] truth = [0.3, 0.6];
        var result = await Abc.RunAsync(ToySimulators.TargetsTwo(truth[0], truth[1]), 2, new AbcSettings(4, 80, 9), ToySimulators.TwoParameters(2));
        var mean = result.Mean();
        for (var d = 0; d < 2; d++)
        {
            Assert.InRange(mean[d], truth[d] - 0.07, truth[d] + 0.07);
            Assert.True(Sd(result, d) < PriorSd / 2, $"parameter {d}: posterior sd {Sd(result, d)} against prior sd {PriorSd}");
        }
    }

    [Fact]
    public async Task Abc_rejection_alone_keeps_the_closest_draws_from_the_prior()
    {
        var result = await Abc.RunAsync(ToySimulators.TargetsOne(0.5), 1, new AbcSettings(1, 20, 2, PriorDraws: 100), ToySimulators.OneParameter(1));
        var only = Assert.Single(result.Generations);
        Assert.Equal(100, only.Proposed);
        Assert.Equal(20, only.Particles.Count);
        Assert.All(only.Particles, p => Assert.True(p.Distance <= only.Tolerance));
        Assert.All(only.Particles, p => Assert.Equal(1.0 / 20, p.Weight, 12));
    }

    [Fact]
    public async Task Abc_gives_the_same_posterior_for_the_same_seed()
    {
        var targets = ToySimulators.TargetsOne(0.2);
        var a = await Abc.RunAsync(targets, 1, new AbcSettings(3, 30, 5), ToySimulators.OneParameter(1));
        var b = await Abc.RunAsync(targets, 1, new AbcSettings(3, 30, 5), ToySimulators.OneParameter(1));
        var c = await Abc.RunAsync(targets, 1, new AbcSettings(3, 30, 6), ToySimulators.OneParameter(1));
        Assert.Equal(a.Posterior.Select(p => (p.Unit[0], p.Weight)), b.Posterior.Select(p => (p.Unit[0], p.Weight)));
        Assert.NotEqual(a.Posterior.Select(p => p.Unit[0]), c.Posterior.Select(p => p.Unit[0]));
    }

    [Fact]
    public void Distance_scales_each_miss_by_the_target_sd()
    {
        var targets = new[] { new CalibrationTarget("a", 10, 4), new CalibrationTarget("b", 0, 0.25, 0.75) };
        // misses of 2 sd (4 / 2) and 3 sd (3 / 1): sqrt(4 + 9)
        Assert.Equal(Math.Sqrt(13), Abc.Distance(targets, [14, 3]), 12);
    }

    [Fact]
    public void Weighted_median_is_the_first_value_reaching_half_the_weight()
    {
        Assert.Equal(3, Abc.WeightedQuantile([(1, 0.1), (5, 0.3), (3, 0.2), (2, 0.1)], 0.5));
    }

    private static double Sd(AbcResult result, int d)
    {
        var mean = result.Mean()[d];
        return Math.Sqrt(result.Posterior.Sum(p => p.Weight * (p.Unit[d] - mean) * (p.Unit[d] - mean)));
    }
}
