using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments.Tests;

/// <summary>Each expectation clause's statistics on constructed samples: where it should pass, and where it should fail.</summary>
public class ExpectationClauseTests
{
    private static Expectation Clause(ExpectationKind kind, ExpectedDirection direction = ExpectedDirection.Higher, string variant = "a", string? than = "b") =>
        new("waiting_list", 2020, direction, variant, than, 7) { Kind = kind };

    private static ExpectationResult Check(Expectation clause, Dictionary<string, double[]> samples, int conserving = 0, int runs = 0) =>
        ExperimentAnalysis.Check(clause, v => samples[v], conserving, runs);

    [Fact]
    public void Equivalence_passes_only_when_the_90_percent_interval_lies_within_the_margin()
    {
        // Differences 1, -1, 2, -2: mean 0, sd sqrt(10/3); t(0.95, 3) = 2.353363 from the printed tables, so the 90%
        // interval is ±2.353363 x 1.825742 / 2 = ±2.14830.
        var inside = ClauseStatistics.Equivalence([1, -1, 2, -2], 2.2);
        Assert.Equal(-2.14830, inside.Lower90, 4);
        Assert.Equal(2.14830, inside.Upper90, 4);
        Assert.True(inside.Passed);
        Assert.False(ClauseStatistics.Equivalence([1, -1, 2, -2], 2.1).Passed);
        // A difference that is shown (its 95% interval excludes zero) can still be within a wide margin, and a zero
        // difference with a wide interval is not shown equivalent.
        Assert.True(ClauseStatistics.Equivalence([1.0, 1.1, 0.9, 1.0], 2).Passed);
        Assert.False(ClauseStatistics.Equivalence([10, -10, 20, -20], 5).Passed);
    }

    [Fact]
    public void A_relative_margin_is_a_share_of_the_reference_variants_mean()
    {
        var clause = Clause(ExpectationKind.Equivalence) with { Margin = new Margin(0.05, Relative: true) };
        var samples = new Dictionary<string, double[]> { ["a"] = [101, 99, 102, 98], ["b"] = [100, 100, 100, 100] };
        var result = Check(clause, samples);
        Assert.True(result.Passed);
        Assert.Equal(5, result.Margin!.Value, 12);
        Assert.False(Check(clause with { Margin = new Margin(0.02, Relative: true) }, samples).Passed);
        Assert.False(Check(clause with { Margin = new Margin(1, Relative: false) }, samples).Passed);
    }

    [Fact]
    public void An_order_holds_only_when_every_adjacent_step_is_shown()
    {
        var samples = new Dictionary<string, double[]> { ["a"] = [1, 2, 3], ["b"] = [2, 3, 4.1], ["c"] = [3, 4, 5] };
        var ascending = Check(Clause(ExpectationKind.Order) with { Variants = ["a", "b", "c"] }, samples);
        Assert.True(ascending.Passed);
        Assert.Equal(["b - a", "c - b"], ascending.Contrasts.Select(c => c.Label));
        Assert.Equal(3, ascending.Variants.Count);
        Assert.False(Check(Clause(ExpectationKind.Order) with { Variants = ["a", "c", "b"] }, samples).Passed);
        Assert.False(Check(Clause(ExpectationKind.Order, ExpectedDirection.Lower) with { Variants = ["a", "b", "c"] }, samples).Passed);
        Assert.True(Check(Clause(ExpectationKind.Order, ExpectedDirection.Lower) with { Variants = ["c", "b", "a"] }, samples).Passed);
    }

    [Fact]
    public void A_trend_across_variants_is_the_mean_of_each_replications_slope()
    {
        // Replication r: base_r + slope_r x position. Bases far apart drop out within each replication.
        static Dictionary<string, double[]> Samples(double[] slopes) => new()
        {
            ["low"] = [100, 500, 900],
            ["mid"] = [100 + slopes[0], 500 + slopes[1], 900 + slopes[2]],
            ["high"] = [100 + 2 * slopes[0], 500 + 2 * slopes[1], 900 + 2 * slopes[2]],
        };
        var clause = Clause(ExpectationKind.Trend) with { Variants = ["low", "mid", "high"] };
        var steady = Check(clause, Samples([1.9, 2, 2.1]));
        Assert.True(steady.Passed);
        // Slopes 1.9, 2, 2.1: mean 2, sd 0.1; t(0.975, 2) = 4.302653.
        Assert.Equal(2, steady.Difference.Mean, 9);
        Assert.Equal(4.302653 * 0.1 / Math.Sqrt(3), steady.Difference.HalfWidth, 5);
        // Slopes 1, 2, 3: the same mean, but the interval (2 ± 2.48) takes in zero.
        Assert.False(Check(clause, Samples([1, 2, 3])).Passed);
        Assert.False(Check(clause with { Direction = ExpectedDirection.Lower }, Samples([1.9, 2, 2.1])).Passed);
    }

    [Fact]
    public void A_slope_along_a_parameter_takes_each_replications_own_level_out()
    {
        // y = 2x + 10 x replication + noise: within replications the noise has sum of squares 0.12 on 6 - 2 - 1 = 3
        // degrees of freedom and x has 4, so the standard error is sqrt(0.04 / 4) = 0.1 however far apart replications are.
        double[] x = [0, 1, 2, 0, 1, 2];
        long[] replication = [1, 1, 1, 2, 2, 2];
        double[] noise = [0.1, -0.2, 0.1, -0.1, 0.2, -0.1];
        var y = x.Select((v, i) => 2 * v + 10 * replication[i] + noise[i]).ToArray();
        var slope = ClauseStatistics.SlopeWithinGroups(x, y, replication);
        Assert.Equal(2, slope.Mean, 9);
        Assert.Equal(0.1, slope.StandardDeviation, 9);
        Assert.Equal(2 - 3.182446 * 0.1, slope.Lower, 5);
        Assert.Throws<ArgumentException>(() => ClauseStatistics.SlopeWithinGroups([1, 1], [1, 2], [1, 2]));
    }

    [Fact]
    public void A_change_grows_within_a_variant_and_against_another_as_a_difference_in_differences()
    {
        var samples = new Dictionary<string, double[]> { ["a"] = [5, 6, 7], ["b"] = [1, 2, 3], ["noisy"] = [-1, 2, 3] };
        var alone = Clause(ExpectationKind.Change, than: null) with { From = 2016, To = 2020, Year = null };
        Assert.True(Check(alone, samples).Passed);
        Assert.False(Check(alone with { Variant = "noisy" }, samples).Passed);
        Assert.False(Check(alone with { Direction = ExpectedDirection.Lower }, samples).Passed);
        var against = alone with { Than = "b" };
        var result = Check(against, samples);
        Assert.True(result.Passed);
        Assert.Equal(4, result.Difference.Mean, 12);
        Assert.False(Check(against with { Variant = "b", Than = "a" }, samples).Passed);
    }

    [Fact]
    public void Money_is_conserved_only_when_every_run_conserved_it()
    {
        var clause = Clause(ExpectationKind.MoneyConserved);
        var all = Check(clause, [], conserving: 4, runs: 4);
        Assert.True(all.Passed);
        Assert.Equal(4, all.Difference.Mean);
        Assert.False(Check(clause, [], conserving: 3, runs: 4).Passed);
    }
}
