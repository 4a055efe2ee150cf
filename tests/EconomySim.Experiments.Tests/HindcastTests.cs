using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Experiments.Tests;

/// <summary>
/// The model against what happened: the 2015-2025 hindcast against the published series, England 2024 run forward,
/// and a payment regime that changes what trusts do. The bars are the ones the model is held to (docs/MODEL.md, the
/// hindcast's fit); the fit itself is recorded there year by year.
/// </summary>
public class HindcastTests
{
    private static FitReport HindcastFit()
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("england-2015-2025.yaml")));
        var run = SequentialRun.Run(economy, 1);
        Assert.Equal(run.Phases, run.PhasesConserved);
        return Fit.Compare(run.Outcomes, TargetLoader.Load(Repository.Config("targets/england.yaml")));
    }

    private static readonly Lazy<FitReport> Hindcast = new(HindcastFit);

    private static SeriesFit Series(string id) => Hindcast.Value.Series.Single(s => s.Series.Id == id);

    private static IReadOnlyList<FitRow> Rows(string id) => Hindcast.Value.Rows.Where(r => r.Series == id).ToList();

    [Theory]
    [InlineData("population")]
    [InlineData("commissioner_allocations")]
    [InlineData("waiting_list")]
    [InlineData("ae_attendances")]
    [InlineData("emergency_admissions")]
    [InlineData("social_care_clients")]
    [InlineData("social_care_gross_expenditure")]
    public void The_hindcast_stays_within_ten_per_cent_of_the_published_series_in_every_year(string series)
    {
        var fit = Series(series);
        Assert.Equal(10, fit.YearsCompared);
        var misses = Rows(series).Where(r => Math.Abs(r.RelativeError ?? 1) > 0.10).Select(r => $"{r.Year}: {r.RelativeError:P1}").ToList();
        Assert.True(misses.Count == 0, string.Join(", ", misses));
    }

    [Fact]
    public void The_hindcast_waiting_list_grows_and_shrinks_with_the_published_one_in_at_least_eight_of_nine_years()
    {
        var fit = Series("waiting_list");
        Assert.Equal(9, fit.DirectionsCompared);
        Assert.True(fit.DirectionsRight >= 8, $"{fit.DirectionsRight} of 9 directions right");
    }

    [Fact]
    public void The_hindcast_provider_sector_has_the_published_sign_every_year_and_is_within_half_its_size_in_seven()
    {
        // The misses are 2017/18 to 2019/20 (docs/MODEL.md): the model's deficits deepen a year early and ease in 2019/20.
        var rows = Rows("provider_surplus");
        var shown = string.Join(", ", rows.Select(r => $"{r.Year}: {r.Model:N0} against {r.Target:N0}"));
        Assert.Equal(10, rows.Count);
        Assert.True(rows.All(r => r.SignRight), shown);
        Assert.True(rows.Count(r => Math.Abs(r.RelativeError ?? 1) <= 0.5) >= 7, shown);
    }

    [Fact]
    public void The_hindcast_share_within_18_weeks_is_within_five_points_in_every_year()
    {
        var rows = Rows("waiting_within_18_weeks_share");
        Assert.Equal(10, rows.Count);
        Assert.True(rows.All(r => Math.Abs(r.AbsoluteError) <= 0.05m), string.Join(", ", rows.Select(r => $"{r.Year}: {r.AbsoluteError:F3}")));
    }

    private static RunOutcomes RunEngland(int years, PaymentRegime? acute = null)
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("england.yaml")), years: years);
        if (acute is { } regime)
            economy = economy with { Parameters = economy.Parameters with { Contracts = economy.Parameters.Contracts with { Acute = regime } } };
        var run = SequentialRun.Run(economy, 1);
        Assert.Equal(run.Phases, run.PhasesConserved);
        return run.Outcomes;
    }

    [Fact]
    public void England_2024_run_ten_years_keeps_a_fifth_to_seven_tenths_of_trusts_in_deficit_with_demand_growing_and_no_jumps()
    {
        var years = RunEngland(10).Years;
        Assert.All(years, y => Assert.InRange(y.Display(Metric.TrustsInDeficitShare), 0.2m, 0.7m));
        for (var i = 1; i < years.Count; i++)
        {
            Assert.True(years[i].Values[Metric.AandEAttendances] > years[i - 1].Values[Metric.AandEAttendances], $"A&E attendances fell in {years[i].Year}");
            Assert.True(years[i].Values[Metric.EmergencyAdmissions] > years[i - 1].Values[Metric.EmergencyAdmissions], $"emergency admissions fell in {years[i].Year}");
            foreach (var metric in new[] { Metric.WaitingList, Metric.ElectiveTreated, Metric.AandEAttendances, Metric.EmergencyAdmissions, Metric.GpAppointments,
                         Metric.PeopleSupported, Metric.SocialCareSpend, Metric.DelayedDischargeBeds, Metric.AandEWithinFourHoursShare, Metric.TrustCost })
            {
                var before = (double)years[i - 1].Values[metric];
                var change = (years[i].Values[metric] - before) / before;
                Assert.True(Math.Abs(change) <= 0.15, $"{MetricCatalogue.Info(metric).Name} moved {change:P1} into {years[i].Year}");
            }
        }
        // Demand grows as the demand section says: population, ageing and use per head, about 2-3% a year.
        var growth = Math.Pow((double)years[^1].Values[Metric.EmergencyAdmissions] / years[0].Values[Metric.EmergencyAdmissions], 1.0 / 9) - 1;
        Assert.InRange(growth, 0.01, 0.035);
    }

    /// <summary>How one run differs from another over five years: electives treated, the list at the end, trust cost.</summary>
    private static (double Treated, double List, double Cost, string Measured) Against(IReadOnlyList<YearOutcomes> paid, IReadOnlyList<YearOutcomes> block)
    {
        long Sum(IReadOnlyList<YearOutcomes> ys, Metric m) => ys.Sum(y => y.Values[m]);
        var treated = (double)Sum(paid, Metric.ElectiveTreated) / Sum(block, Metric.ElectiveTreated) - 1;
        var list = (double)paid[^1].Values[Metric.WaitingList] / block[^1].Values[Metric.WaitingList] - 1;
        var cost = (double)Sum(paid, Metric.TrustCost) / Sum(block, Metric.TrustCost) - 1;
        return (treated, list, cost, $"electives treated {treated:P1}, waiting list at the end {list:P1}, trust cost {cost:P2}");
    }

    [Fact]
    public void Paying_acute_trusts_by_results_rather_than_by_block_treats_more_shortens_the_list_and_costs_more_over_five_years()
    {
        var (treated, list, cost, measured) = Against(RunEngland(5, PaymentRegime.PaymentByResults).Years, RunEngland(5, PaymentRegime.Block).Years);
        Assert.True(treated > 0.01, measured);
        Assert.True(list < -0.05, measured);
        Assert.True(cost > 0.002, measured);
    }

    [Fact]
    public void England_2024_paying_electives_per_case_treats_more_shortens_the_list_and_costs_more_than_the_block_contract_era()
    {
        RunOutcomes Run(string file)
        {
            var run = SequentialRun.Run(EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config(file)), years: 5), 1);
            Assert.Equal(run.Phases, run.PhasesConserved);
            return run.Outcomes;
        }
        // Measured: electives +3.5%, the list at the end -24%, trust cost +0.6% (docs/MODEL.md).
        var (treated, list, cost, measured) = Against(Run("england.yaml").Years, Run("block-contract-era.yaml").Years);
        Assert.True(treated > 0.02, measured);
        Assert.True(list < -0.10, measured);
        Assert.True(cost > 0.002, measured);
    }
}
