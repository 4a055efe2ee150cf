using EconomySim.Domain;

namespace EconomySim.Experiments.Tests;

/// <summary>
/// The shipped scenarios start as their era was, not with a start-up artefact; the scenarios of 2015-2016 carry that
/// era's magnitudes; Greater Manchester's devolution pays its transformation money over the deal's years and its waiting
/// list grows as the real one did.
/// </summary>
public class EraBaselineTests
{
    public static TheoryData<string> Scenarios => Repository.Files("configs");

    // Outcomes a researcher reads first: none should move by more than 15% from the first year to the second unless a
    // policy change takes effect in the second year and explains it.
    private static readonly Metric[] Headline =
        [Metric.WaitingList, Metric.ElectiveTreated, Metric.EmergencyAdmissions, Metric.AandEAttendances, Metric.QalysLostMilli, Metric.TrustCost];

    // Counts of trusts are draws (which trust ends in deficit, which deficit is covered): a change within two Poisson
    // standard errors of the first year's count is noise, beyond it and beyond 15% it is an artefact of the start.
    private static readonly Metric[] TrustCounts = [Metric.TrustsInDeficit, Metric.BailoutCount];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_moves_its_headline_outcomes_by_at_most_fifteen_per_cent_from_its_first_year_to_its_second(string file)
    {
        var (economy, run) = ShippedRuns.Of(file);
        Assert.Equal(run.Phases, run.PhasesConserved);
        var p = economy.Parameters;
        if (p.PolicyChanges.Any(c => c.Year == p.StartYear + 1)) return;
        var (first, second) = (run.Outcomes.Years[0].Values, run.Outcomes.Years[1].Values);
        var jumps = new List<string>();
        foreach (var metric in Headline)
        {
            var change = (double)(second[metric] - first[metric]) / first[metric];
            if (Math.Abs(change) > 0.15) jumps.Add($"{MetricCatalogue.Info(metric).Name} {change:P1}");
        }
        foreach (var metric in TrustCounts)
        {
            var (before, after) = (first[metric], second[metric]);
            if (Math.Abs(after - before) > Math.Max(0.15 * before, 2 * Math.Sqrt(before)))
                jumps.Add($"{MetricCatalogue.Info(metric).Name} {before} to {after}");
        }
        Assert.True(jumps.Count == 0, $"{file}: {string.Join(", ", jumps)}");
    }

    [Theory]
    [InlineData("better-care-fund.yaml")]
    [InlineData("vanguards-2016.yaml")]
    [InlineData("greater-manchester.yaml")]
    [InlineData("greater-manchester-no-devolution.yaml")]
    [InlineData("greater-manchester-devolution-2016.yaml")]
    public void Scenarios_of_2015_and_2016_start_at_their_eras_magnitudes_not_at_2024s(string file)
    {
        var (_, run) = ShippedRuns.Of(file);
        var year = run.Outcomes.Years[0];
        var people = (double)year.Values[Metric.Population];
        // England 2015/16: £100.4bn for 54.8m people, £1,832 a head, and 6.8 waiting per 100; 2024/25: about £2,230 a
        // head and 13 waiting per 100 (configs/targets/england.yaml, DOMAIN.md).
        var allocationPerHead = (double)year.Display(Metric.CommissionerAllocations) / people;
        Assert.InRange(allocationPerHead, 1_750, 1_950);
        Assert.InRange(year.Values[Metric.WaitingList] / people, 0.06, 0.085);
    }

    [Fact]
    public void Greater_Manchester_devolution_pays_its_450_million_pump_prime_in_equal_parts_over_the_five_years_of_the_deal()
    {
        var history = ShippedRuns.Of("greater-manchester-devolution-2016.yaml").Run.Outcomes.Years;
        Assert.Equal([0m, 90_000_000m, 90_000_000m, 90_000_000m, 90_000_000m, 90_000_000m], history.Select(y => y.Display(Metric.PumpPrime)));
        var deal = ShippedRuns.Of("greater-manchester.yaml").Run.Outcomes.Years;
        Assert.Equal(450_000_000m, deal.Sum(y => y.Display(Metric.PumpPrime)));
        Assert.All(deal, y => Assert.Equal(90_000_000m, y.Display(Metric.PumpPrime)));
        Assert.All(ShippedRuns.Of("greater-manchester-no-devolution.yaml").Run.Outcomes.Years, y => Assert.Equal(0m, y.Display(Metric.PumpPrime)));
    }

    [Theory]
    [InlineData("greater-manchester-no-devolution.yaml")]
    [InlineData("greater-manchester.yaml")]
    [InlineData("greater-manchester-devolution-2016.yaml")]
    public void Greater_Manchester_waiting_list_grows_every_year_to_near_its_published_size_before_the_pandemic(string file)
    {
        var years = ShippedRuns.Of(file).Run.Outcomes.Years;
        for (var i = 1; i < years.Count; i++)
            Assert.True(years[i].Values[Metric.WaitingList] > years[i - 1].Values[Metric.WaitingList], $"the list fell in {years[i].Year}");
        // NHS England RTT data (Manchester Evening News): 236,647 waiting at Greater Manchester's trusts in February 2020.
        var march2020 = years.Single(y => y.Year == 2019).Values[Metric.WaitingList];
        Assert.InRange(march2020, 236_647 * 0.9, 236_647 * 1.1);
    }
}
