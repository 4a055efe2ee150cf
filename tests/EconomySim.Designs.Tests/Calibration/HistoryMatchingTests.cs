using EconomySim.Designs.Calibration;

namespace EconomySim.Designs.Tests.Calibration;

public class HistoryMatchingTests
{
    [Fact]
    public void Implausibility_divides_the_miss_by_observation_discrepancy_and_run_variance_of_the_mean()
    {
        // |10 - 7| / sqrt(0.5 + 0.25 + 2.0 / 4) = 3 / sqrt(1.25)
        var target = new CalibrationTarget("t", 10, 0.5, 0.25);
        Assert.Equal(3 / Math.Sqrt(1.25), HistoryMatching.Implausibility(target, 7, 2.0, 4), 12);
    }

    [Fact]
    public void Judge_uses_the_second_largest_implausibility_when_asked()
    {
        var targets = new[] { new CalibrationTarget("a", 0, 1), new CalibrationTarget("b", 0, 1), new CalibrationTarget("c", 0, 1) };
        var runs = new PointRuns([[10.0], [2.0], [1.0]]);
        var first = HistoryMatching.Judge(1, 0, [0.5], runs, targets, new HistoryMatchingSettings(1, 10, 1));
        var second = HistoryMatching.Judge(1, 0, [0.5], runs, targets, new HistoryMatchingSettings(1, 10, 1, Order: 2));
        Assert.Equal(10, first.Implausibility, 12);
        Assert.False(first.NonImplausible);
        Assert.Equal(2, second.Implausibility, 12);
        Assert.True(second.NonImplausible);
    }

    [Fact]
    public async Task History_matching_keeps_the_truth_of_one_parameter_and_shrinks_the_space_wave_by_wave()
    {
        const double truth = 0.37;
        var result = await HistoryMatching.RunAsync(ToySimulators.TargetsOne(truth), 1, new HistoryMatchingSettings(3, 40, 11), ToySimulators.OneParameter(4));
        Assert.Equal(3, result.Waves.Count);
        var (lower, upper) = result.Bounds;
        Assert.InRange(truth, lower[0], upper[0]);
        var widths = result.Waves.Select(w => w.Upper[0] - w.Lower[0]).Append(upper[0] - lower[0]).ToList();
        Assert.Equal(1.0, widths[0]);
        for (var i = 1; i < widths.Count; i++) Assert.True(widths[i] <= widths[i - 1], $"wave {i}'s box ({widths[i]}) is wider than the one before ({widths[i - 1]})");
        Assert.True(widths[^1] < 0.3, $"the non-implausible space is still {widths[^1]} wide");
        Assert.True(result.Waves[^1].NonImplausibleShare > result.Waves[0].NonImplausibleShare);
        Assert.InRange(result.Best.Unit[0], truth - 0.1, truth + 0.1);
    }

    [Fact]
    public async Task History_matching_keeps_the_truth_of_two_parameters_inside_the_non_implausible_box()
    {
        double[] truth = [0.3, 0.6];
        var result = await HistoryMatching.RunAsync(ToySimulators.TargetsTwo(truth[0], truth[1]), 2, new HistoryMatchingSettings(3, 60, 5), ToySimulators.TwoParameters(3));
        var (lower, upper) = result.Bounds;
        for (var d = 0; d < 2; d++) Assert.InRange(truth[d], lower[d], upper[d]);
        Assert.True(Volume(lower, upper) < 0.1 * Volume(result.Waves[0].Lower, result.Waves[0].Upper));
        Assert.All(result.Sample, p => Assert.True(p.Implausibility <= 3));
    }

    [Fact]
    public async Task History_matching_gives_the_same_waves_for_the_same_seed_and_other_waves_for_another()
    {
        var targets = ToySimulators.TargetsOne(0.6);
        var a = await HistoryMatching.RunAsync(targets, 1, new HistoryMatchingSettings(2, 20, 3), ToySimulators.OneParameter(2));
        var b = await HistoryMatching.RunAsync(targets, 1, new HistoryMatchingSettings(2, 20, 3), ToySimulators.OneParameter(2));
        var c = await HistoryMatching.RunAsync(targets, 1, new HistoryMatchingSettings(2, 20, 4), ToySimulators.OneParameter(2));
        Assert.Equal(Units(a), Units(b));
        Assert.NotEqual(Units(a), Units(c));
    }

    [Fact]
    public async Task History_matching_stops_at_a_wave_that_rules_out_every_point()
    {
        // A target no point can reach: f stays within [0, 10] and the observation is 100.
        var targets = new[] { new CalibrationTarget("f", 100, 0.01) };
        var result = await HistoryMatching.RunAsync(targets, 1, new HistoryMatchingSettings(4, 10, 1), ToySimulators.OneParameter(1));
        Assert.Single(result.Waves);
        Assert.Empty(result.Sample);
        Assert.Equal(0, result.Waves[0].NonImplausibleShare);
    }

    [Fact]
    public void Latin_hypercube_puts_one_point_in_every_stratum_of_every_dimension()
    {
        var rows = UnitSampler.LatinHypercube(10, [0.0, 0.2], [1.0, 0.7], 42);
        Assert.Equal(Enumerable.Range(0, 10), rows.Select(r => (int)Math.Floor(r[0] * 10)).Order());
        Assert.Equal(Enumerable.Range(0, 10), rows.Select(r => (int)Math.Floor((r[1] - 0.2) / 0.5 * 10)).Order());
    }

    private static double Volume(double[] lower, double[] upper) => lower.Zip(upper, (l, u) => u - l).Aggregate(1.0, (a, b) => a * b);

    private static List<double> Units(HistoryMatchingResult result) => result.Waves.SelectMany(w => w.Points).SelectMany(p => p.Unit).ToList();
}
