using EconomySim.Domain.Economics;
using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

/// <summary>The health measure's terms, the deprivation fifths and care-related quality of life, and the measure through whole runs.</summary>
public class HealthOutcomeTests
{
    private static RunOutcomes Run(EconomyParameters parameters, long seed = 3) => SequentialRun.Run(SmallEconomy.Build(parameters), seed).Outcomes;

    [Fact]
    public void A_patient_year_on_the_waiting_list_loses_the_decrement_and_a_longer_wait_for_the_same_referrals_loses_more()
    {
        Assert.Equal(100, HealthOutcomes.WaitingQalysLost(1_000, 0.1, 1), 12);
        Assert.Equal(100.0 / 12, HealthOutcomes.WaitingQalysLost(1_000, 0.1, 1.0 / 12), 12);
        // Little's law: 1,200 referrals a year waiting 3 months on average make a list of 300; waiting 6 months, 600.
        Assert.Equal(2 * HealthOutcomes.WaitingQalysLost(1_200 * 0.25, 0.1, 1), HealthOutcomes.WaitingQalysLost(1_200 * 0.5, 0.1, 1), 12);
    }

    [Fact]
    public void Avoidable_admissions_and_unmet_care_lose_their_decrements()
    {
        Assert.Equal(27, HealthOutcomes.AvoidableAdmissionQalysLost(1_000, 0.027), 12);
        Assert.Equal(20, HealthOutcomes.UnmetCareQalysLost(1_200, 0.2, 1.0 / 12), 12);
    }

    [Fact]
    public void Public_health_money_buys_qalys_in_real_terms_so_cash_that_only_keeps_pace_with_prices_buys_no_more()
    {
        Assert.Equal(1_000_000 / 3_800.0, HealthOutcomes.PublicHealthQalys(Money.FromPounds(1_000_000m), 1.0, 1.0, 3_800m, 13_500m), 9);
        Assert.Equal(1_000_000 / 13_500.0, HealthOutcomes.PublicHealthQalys(Money.FromPounds(1_000_000m), 1.0, 0.0, 3_800m, 13_500m), 9);
        var real = HealthOutcomes.PublicHealthQalys(Money.FromPounds(1_000_000m), 1.0, 0.5, 3_800m, 13_500m);
        var inflated = HealthOutcomes.PublicHealthQalys(Money.FromPounds(1_250_000m), 1.25, 0.5, 3_800m, 13_500m);
        Assert.Equal(real, inflated, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => HealthOutcomes.PublicHealthQalys(Money.FromPounds(1m), 0, 0.5, 3_800m, 13_500m));
    }

    [Fact]
    public void Care_related_quality_of_life_is_the_reference_score_at_a_reference_package_and_rises_with_care_ever_less()
    {
        Assert.Equal(19.1, HealthOutcomes.CareRelatedQualityOfLife(1, 14, 19.1, 0.5), 12);
        Assert.Equal(14, HealthOutcomes.CareRelatedQualityOfLife(0, 14, 19.1, 0.5), 12);
        Assert.Equal(14 + 5.1 * 0.5, HealthOutcomes.CareRelatedQualityOfLife(0.25, 14, 19.1, 0.5), 12);
        var firstHalf = HealthOutcomes.CareRelatedQualityOfLife(0.5, 14, 19.1, 0.5) - HealthOutcomes.CareRelatedQualityOfLife(0, 14, 19.1, 0.5);
        var secondHalf = HealthOutcomes.CareRelatedQualityOfLife(1, 14, 19.1, 0.5) - HealthOutcomes.CareRelatedQualityOfLife(0.5, 14, 19.1, 0.5);
        Assert.True(firstHalf > secondHalf);
    }

    [Fact]
    public void Care_intensity_is_spend_over_the_reference_packages_of_the_people_supported()
    {
        Assert.Equal(1, HealthOutcomes.CareIntensity(Money.FromPounds(300_000m), 100, Money.FromPounds(3_000m)), 12);
        Assert.Equal(0.8, HealthOutcomes.CareIntensity(Money.FromPounds(240_000m), 100, Money.FromPounds(3_000m)), 12);
        Assert.Equal(0, HealthOutcomes.CareIntensity(Money.FromPounds(240_000m), 0, Money.FromPounds(3_000m)));
    }

    [Fact]
    public void The_standard_normal_distribution_function_is_accurate_and_symmetric()
    {
        Assert.Equal(0.5, DeprivationFifths.StandardNormalCdf(0), 7);
        Assert.Equal(0.975, DeprivationFifths.StandardNormalCdf(1.959964), 6);
        Assert.Equal(0.2, DeprivationFifths.StandardNormalCdf(-0.841621), 6);
        Assert.Equal(1, DeprivationFifths.StandardNormalCdf(1.3) + DeprivationFifths.StandardNormalCdf(-1.3), 12);
    }

    [Fact]
    public void One_council_alone_has_a_fifth_of_its_people_in_each_national_fifth()
    {
        var cuts = DeprivationFifths.NationalCutPoints([(1_000_000, 1.3)], 0.5);
        var shares = DeprivationFifths.Shares(1.3, cuts, 0.5);
        foreach (var share in shares) Assert.Equal(0.2, share, 6);
    }

    [Fact]
    public void A_deprived_council_has_more_people_in_the_most_deprived_fifth_and_the_nation_a_fifth_in_each()
    {
        (long, double)[] councils = [(600_000, 0.6), (300_000, 1.2), (100_000, 2.5)];
        var cuts = DeprivationFifths.NationalCutPoints(councils, 0.5);
        var deprived = DeprivationFifths.Shares(2.5, cuts, 0.5);
        var affluent = DeprivationFifths.Shares(0.6, cuts, 0.5);
        Assert.Equal(1, deprived.Sum(), 12);
        Assert.True(deprived[DeprivationFifths.MostDeprived] > 0.2 && deprived[DeprivationFifths.LeastDeprived] < 0.2);
        Assert.True(affluent[DeprivationFifths.MostDeprived] < 0.2 && affluent[DeprivationFifths.LeastDeprived] > 0.2);
        var national = DeprivationFifths.Combine(councils.Select(c => (c.Item1, DeprivationFifths.Shares(c.Item2, cuts, 0.5))).ToList());
        foreach (var share in national) Assert.Equal(0.2, share, 6);
        Assert.Equal(DeprivationFifths.National, DeprivationFifths.Combine([]));
    }

    [Fact]
    public void An_outcome_falls_on_the_fifths_by_population_and_a_steady_gradient_from_the_most_deprived_ratio_to_one()
    {
        Assert.Equal(1.72, DeprivationFifths.RelativeRate(1.72, DeprivationFifths.MostDeprived), 12);
        Assert.Equal(1, DeprivationFifths.RelativeRate(1.72, DeprivationFifths.LeastDeprived), 12);
        Assert.Equal(Math.Sqrt(1.72), DeprivationFifths.RelativeRate(1.72, 2), 12);
        var national = DeprivationFifths.National;
        var most = DeprivationFifths.ShareOfOutcome(national, 1.72, DeprivationFifths.MostDeprived);
        var least = DeprivationFifths.ShareOfOutcome(national, 1.72, DeprivationFifths.LeastDeprived);
        Assert.Equal(1.72, most / least, 12);
        Assert.Equal(1, Enumerable.Range(0, DeprivationFifths.Count).Sum(j => DeprivationFifths.ShareOfOutcome(national, 1.72, j)), 12);
    }

    /// <summary>The small economy with no growth, or with every price, cost and cash flow inflated alike.</summary>
    private static EconomyParameters Inflated(double inflation)
    {
        var p = SmallEconomy.Parameters(3);
        return p with
        {
            Funder = p.Funder with { AllocationGrowth = (decimal)inflation, TariffUplift = (decimal)inflation, EfficiencyFactor = 0 },
            Trusts = p.Trusts with { PayAward = inflation, NonPayInflation = inflation },
            SocialCare = p.SocialCare with { CostInflation = inflation, OwnResourcesGrowth = inflation },
        };
    }

    [Fact]
    public void Health_does_not_rise_when_every_price_and_allocation_is_inflated_alike()
    {
        var flat = Run(Inflated(0)).Years[2];
        var inflated = Run(Inflated(0.08)).Years[2];
        // Cash grew by 17% over the two years; the old spending-based proxy rose with it, the outcome-based measure may
        // move only by the pennies rounded differently.
        Assert.True(inflated.Values[Metric.SocialCareSpend] > flat.Values[Metric.SocialCareSpend] * 1.15);
        Assert.Equal(flat.Values[Metric.WaitingList], inflated.Values[Metric.WaitingList], (double)flat.Values[Metric.WaitingList] * 0.002);
        foreach (var metric in new[] { Metric.NetHealthQalysMilli, Metric.QalysLostMilli, Metric.PublicHealthQalysMilli, Metric.CareRelatedQualityOfLife })
            Assert.Equal(flat.Values[metric], inflated.Values[metric], Math.Abs(flat.Values[metric]) * 0.002);
    }

    [Fact]
    public void Longer_waits_lower_health()
    {
        var p = SmallEconomy.Parameters(3);
        var slower = p with { Trusts = p.Trusts with { ElectivePathwaysPerBedPerYear = p.Trusts.ElectivePathwaysPerBedPerYear * 0.6 } };
        var baseline = Run(p).Years[2];
        var longer = Run(slower).Years[2];
        Assert.True(longer.Values[Metric.WaitingList] > baseline.Values[Metric.WaitingList]);
        Assert.True(longer.Values[Metric.QalysLostWaitingMilli] > baseline.Values[Metric.QalysLostWaitingMilli]);
        Assert.True(longer.Values[Metric.NetHealthQalysMilli] < baseline.Values[Metric.NetHealthQalysMilli]);
    }

    [Fact]
    public void A_steeper_gradient_of_need_widens_the_gap_between_the_least_and_most_deprived_without_changing_total_health()
    {
        var p = SmallEconomy.Parameters(1);
        var steeper = p with { Health = p.Health with { ElectiveRatioMostDeprived = 2.0, EmergencyAdmissionsRatioMostDeprived = 3.0 } };
        var baseline = Run(p).Years[0];
        var unequal = Run(steeper).Years[0];
        Assert.Equal(baseline.Values[Metric.NetHealthQalysMilli], unequal.Values[Metric.NetHealthQalysMilli]);
        Assert.True(unequal.Values[Metric.HealthGapMilliPerThousand] > baseline.Values[Metric.HealthGapMilliPerThousand]);
        Assert.True(unequal.Values[Metric.NetQalysMostDeprivedMilli] < baseline.Values[Metric.NetQalysMostDeprivedMilli]);
    }

    [Fact]
    public void Cutting_care_money_faster_than_places_adjust_lowers_care_related_quality_of_life()
    {
        var p = SmallEconomy.Parameters(2);
        var cut = p with { PolicyChanges = [new PolicyChange(2025, "care cut", p with { SocialCare = p.SocialCare with { OwnResources = Money.FromPounds(150_000_000m) } })] };
        var baseline = Run(p).Years[1];
        var thinner = Run(cut).Years[1];
        Assert.True(thinner.Values[Metric.CareRelatedQualityOfLife] < baseline.Values[Metric.CareRelatedQualityOfLife]);
        Assert.True(thinner.Values[Metric.QalysLostUnmetCareMilli] >= baseline.Values[Metric.QalysLostUnmetCareMilli]);
    }

    [Fact]
    public void The_most_and_least_deprived_fifths_each_hold_about_a_fifth_of_the_residents()
    {
        var year = Run(SmallEconomy.Parameters(1)).Years[0];
        var residents = 1_100_000.0;
        Assert.Equal(0.2, year.Values[Metric.PopulationMostDeprived] / residents, 2);
        Assert.Equal(0.2, year.Values[Metric.PopulationLeastDeprived] / residents, 2);
    }
}
