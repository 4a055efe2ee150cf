using EconomySim.History;
namespace EconomySim.Experiments.Tests;

public class StatisticsTests
{
    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(4, 2.7764451)]
    [InlineData(9, 2.262157)]
    [InlineData(19, 2.093024)]
    public void The_t_quantile_matches_the_printed_tables(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, Statistics.TQuantile975(degreesOfFreedom), 5);
    }

    [Fact]
    public void A_mean_gets_its_95_percent_t_interval()
    {
        // Mean 5; deviations -3,-1,1,3: sum of squares 20, sd = sqrt(20/3); half-width 3.182446 x sd / 2.
        var estimate = Statistics.Describe([2, 4, 6, 8]);
        Assert.Equal(5, estimate.Mean, 12);
        Assert.Equal(Math.Sqrt(20.0 / 3), estimate.StandardDeviation, 12);
        Assert.Equal(3.182446 * Math.Sqrt(20.0 / 3) / 2, estimate.HalfWidth, 5);
    }

    [Fact]
    public void A_bootstrap_interval_of_a_small_count_never_goes_below_zero_and_is_the_same_each_time()
    {
        // A count seen in one replication of ten: its t interval dips below zero, the percentile interval stays within
        // what was observed. Half zeros and half ones: an interval around 0.5 inside [0, 1].
        double[] counts = [0, 1, 0, 1, 0, 1, 0, 0, 1, 1];
        var t = Statistics.Describe([0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.True(t.Lower < 0, "the t interval of a rare count dips below zero");
        var rare = Statistics.BootstrapPercentile([0, 0, 0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.Equal(t.Mean, rare.Mean, 12);
        Assert.Equal(0, rare.Lower, 12);
        Assert.InRange(rare.Upper, 0.3, 3);
        var b = Statistics.BootstrapPercentile(counts);
        Assert.InRange(b.Lower, 0.1, 0.5);
        Assert.InRange(b.Upper, 0.5, 0.9);
        Assert.Equal(b, Statistics.BootstrapPercentile(counts));
    }

    [Fact]
    public void Paired_differences_remove_what_both_variants_share()
    {
        // Replications differ a lot from each other but the pairs differ by 1 or 3: mean -2, sd sqrt(4/3)... for 4 pairs.
        double[] a = [10, 101, 1_000, 10_001];
        double[] b = [11, 104, 1_001, 10_004];
        var d = Statistics.PairedDifference(a, b);
        Assert.Equal(-2, d.Mean, 12);
        Assert.Equal(Math.Sqrt(4.0 / 3), d.StandardDeviation, 12);
        Assert.True(Statistics.ShowsDirection(d, lower: true));
        Assert.False(Statistics.ShowsDirection(d, lower: false));
        // Unpaired, the same samples' intervals overlap almost entirely.
        Assert.True(Statistics.Describe(a).Upper > Statistics.Describe(b).Lower);
    }

    [Fact]
    public void An_interval_that_touches_zero_shows_no_direction()
    {
        var d = Statistics.PairedDifference([1, 2, 3], [2, 2, 2]);
        Assert.Equal(0, d.Mean, 12);
        Assert.False(Statistics.ShowsDirection(d, lower: true));
        Assert.False(Statistics.ShowsDirection(d, lower: false));
        Assert.Throws<ArgumentException>(() => Statistics.PairedDifference([1, 2], [1]));
    }
}
