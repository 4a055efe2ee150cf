using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.History.Tests;

public class ComparisonTests
{
    private static RunOutcomes Outcomes(long waiting) =>
        RunOutcomes.FromTicks(2024, 1, 12, (tick, metric) => metric == Metric.WaitingList ? waiting : 0);

    [Fact]
    public void Comparing_replications_of_two_variants_gives_means_and_the_first_less_the_second_paired_by_seed()
    {
        // Seeds move both variants together; block is always exactly 30 above, so pbr - block is -30 with a point interval.
        var runs = new List<ComparedRun>
        {
            new("a1", "pbr", 1, Outcomes(100)), new("a2", "pbr", 2, Outcomes(200)),
            new("b1", "block", 1, Outcomes(130)), new("b2", "block", 2, Outcomes(230)),
        };
        var row = Assert.Single(Comparisons.Compare(runs, [Metric.WaitingList]).Rows);
        Assert.Equal(150, row.Groups[0].Mean);
        Assert.Equal(180, row.Groups[1].Mean);
        Assert.Equal(-30, row.DifferencesFromFirst[1]!.Mean);
        Assert.Equal(-30, row.DifferencesFromFirst[1]!.Upper);
        // Unpaired, the same runs give wide intervals that overlap.
        Assert.True(row.Groups[0].Upper > row.Groups[1].Lower);
    }

    [Fact]
    public void Groups_that_share_no_seed_get_a_difference_of_means_without_an_interval()
    {
        var runs = new List<ComparedRun> { new("a", "a", 1, Outcomes(100)), new("b", "b", 2, Outcomes(160)) };
        var row = Assert.Single(Comparisons.Compare(runs, [Metric.WaitingList]).Rows);
        Assert.Equal(-60, row.DifferencesFromFirst[1]!.Mean);
        Assert.Equal(1, row.DifferencesFromFirst[1]!.Count);
    }
}
