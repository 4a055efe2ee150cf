using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.History.Tests;

public class StatisticsTests
{
    [Fact]
    public void The_interval_of_a_mean_uses_the_t_distribution()
    {
        // Mean 2, sample sd 1, n 3: half-width t(0.975, 2) x 1 / sqrt(3) = 4.3027 x 0.57735 = 2.4841.
        var e = Statistics.MeanWithInterval([1m, 2m, 3m]);
        Assert.Equal(2m, e.Mean);
        Assert.Equal(-0.4841, (double)e.Low!, 3);
        Assert.Equal(4.4841, (double)e.High!, 3);
    }

    [Fact]
    public void A_single_value_has_no_interval()
    {
        var e = Statistics.MeanWithInterval([5m]);
        Assert.Null(e.Low);
        Assert.False(e.Excludes(0));
    }

    [Fact]
    public void Paired_differences_remove_what_replications_share()
    {
        // Seeds move both variants together; B is always exactly 10 above A, so the paired interval is a point.
        var a = new Dictionary<long, decimal> { [1] = 100, [2] = 300, [3] = 200 };
        var b = new Dictionary<long, decimal> { [1] = 110, [2] = 310, [3] = 210 };
        var d = Statistics.PairedDifference(a, b);
        Assert.Equal(10m, d.Mean);
        Assert.Equal(10m, d.Low);
        Assert.True(d.Excludes(0));
        // Unpaired, the same numbers give intervals that overlap widely.
        var ea = Statistics.MeanWithInterval(a.Values.ToList());
        var eb = Statistics.MeanWithInterval(b.Values.ToList());
        Assert.True(ea.High > eb.Low);
    }

    private static RunOutcomes Outcomes(long waiting) =>
        RunOutcomes.FromTicks(2024, 1, 12, (tick, metric) => metric == Metric.WaitingList ? waiting : 0);

    [Fact]
    public void Comparing_replications_of_two_variants_gives_means_and_paired_differences()
    {
        var runs = new List<ComparedRun>
        {
            new("a1", "pbr", 1, Outcomes(100)), new("a2", "pbr", 2, Outcomes(200)),
            new("b1", "block", 1, Outcomes(130)), new("b2", "block", 2, Outcomes(230)),
        };
        var row = Assert.Single(Comparisons.Compare(runs, [Metric.WaitingList]).Rows);
        Assert.Equal(150m, row.Groups[0].Mean);
        Assert.Equal(180m, row.Groups[1].Mean);
        Assert.Equal(30m, row.DifferencesFromFirst[1]!.Mean);
        Assert.Equal(30m, row.DifferencesFromFirst[1]!.Low);
    }
}
