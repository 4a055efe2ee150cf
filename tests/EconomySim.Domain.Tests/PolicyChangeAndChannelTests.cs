using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

/// <summary>Policy changes in one history, and each causal channel's direction through a whole run of the small economy.</summary>
public class PolicyChangeAndChannelTests
{
    private static RunOutcomes Run(EconomyParameters parameters, long seed = 3) => SequentialRun.Run(SmallEconomy.Build(parameters), seed).Outcomes;

    private static EconomyParameters WithChange(EconomyParameters p, int year, Func<EconomyParameters, EconomyParameters> change) =>
        p with { PolicyChanges = [new PolicyChange(year, "test change", change(p))] };

    [Fact]
    public void Parameters_in_force_switch_in_the_year_of_a_policy_change_and_stay_switched()
    {
        var p = SmallEconomy.Parameters(4);
        var devolved = WithChange(p, 2026, x => x with { Governance = x.Governance with { Allocation = AllocationRegime.DevolvedPooled } });
        Assert.Equal(AllocationRegime.Central, devolved.In(2025).Governance.Allocation);
        Assert.Equal(AllocationRegime.DevolvedPooled, devolved.In(2026).Governance.Allocation);
        Assert.Equal(AllocationRegime.DevolvedPooled, devolved.In(2027).Governance.Allocation);
    }

    [Fact]
    public void The_economy_gives_each_year_of_the_run_and_any_after_it_the_parameters_in_force_then()
    {
        var p = SmallEconomy.Parameters(4);
        var changed = WithChange(p, 2026, x => x with { Governance = x.Governance with { Allocation = AllocationRegime.DevolvedPooled } });
        var economy = new EconomyIndex(SmallEconomy.Build(changed));
        // The years the organisations act in, then the final settlement's year after the last.
        for (var year = 0; year <= changed.Years; year++)
            Assert.Same(changed.In(changed.StartYear + year), economy.ParametersIn(year));
        Assert.Equal(AllocationRegime.Central, economy.ParametersIn(0).Governance.Allocation);
        Assert.Equal(AllocationRegime.DevolvedPooled, economy.ParametersIn(changed.Years).Governance.Allocation);
    }

    [Fact]
    public void A_policy_change_leaves_the_years_before_it_exactly_as_without_it()
    {
        var p = SmallEconomy.Parameters(3);
        var changed = WithChange(p, 2026, x => x with { Contracts = x.Contracts with { Acute = PaymentRegime.Block } });
        var before = Run(p);
        var after = Run(changed);
        foreach (var metric in new[] { Metric.ElectiveTreated, Metric.SpendAcute, Metric.WaitingList })
        {
            Assert.Equal(before.Years[0].Values[metric], after.Years[0].Values[metric]);
            Assert.Equal(before.Years[1].Values[metric], after.Years[1].Values[metric]);
        }
        Assert.NotEqual(before.Years[2].Values[Metric.ElectiveTreated], after.Years[2].Values[Metric.ElectiveTreated]);
    }

    [Fact]
    public void Cutting_social_care_money_mid_run_raises_delayed_discharges_and_unmet_need()
    {
        var p = SmallEconomy.Parameters(3);
        var cut = WithChange(p, 2025, x => x with { SocialCare = x.SocialCare with { OwnResources = x.SocialCare.OwnResources.Times(0.6m) } });
        var baseline = Run(p).Years[2];
        var after = Run(cut).Years[2];
        Assert.True(after.Values[Metric.DelayedDischargeBedDays] > baseline.Values[Metric.DelayedDischargeBedDays]);
        Assert.True(after.Values[Metric.UnmetSocialCareNeed] > baseline.Values[Metric.UnmetSocialCareNeed]);
        Assert.True(after.Values[Metric.ElectiveTreated] < baseline.Values[Metric.ElectiveTreated]);
    }

    [Fact]
    public void More_prevention_money_cuts_avoidable_admissions_only_after_the_lag()
    {
        var p = SmallEconomy.Parameters(3);
        var more = p with
        {
            Commissioning = p.Commissioning with { PreventionShare = p.Commissioning.PreventionShare + 0.01, OtherServicesShare = p.Commissioning.OtherServicesShare - 0.01 },
        };
        var baseline = Run(p);
        var prevented = Run(more);
        // Lag of two years: years 0 and 1 draw the same admissions, year 2 fewer.
        Assert.Equal(baseline.Years[1].Values[Metric.AvoidableAdmissions], prevented.Years[1].Values[Metric.AvoidableAdmissions]);
        Assert.True(prevented.Years[2].Values[Metric.AvoidableAdmissions] < baseline.Years[2].Values[Metric.AvoidableAdmissions]);
    }

    [Fact]
    public void Less_gp_money_means_more_failed_access_and_more_aande_attendances()
    {
        // Access is measured against the scenario's own first year, so the cut comes in the second.
        var p = SmallEconomy.Parameters(2);
        var fewer = WithChange(p, 2025, x => x with
        {
            Commissioning = x.Commissioning with { PrimaryCareShare = x.Commissioning.PrimaryCareShare - 0.02, OtherServicesShare = x.Commissioning.OtherServicesShare + 0.02 },
        });
        var baseline = Run(p).Years[1];
        var worse = Run(fewer).Years[1];
        Assert.True(worse.Values[Metric.FailedGpAccess] > baseline.Values[Metric.FailedGpAccess]);
        Assert.True(worse.Values[Metric.AandEAttendances] > baseline.Values[Metric.AandEAttendances]);
    }

    [Fact]
    public void Public_health_money_buys_more_health_than_the_same_money_spent_on_nhs_care()
    {
        var p = SmallEconomy.Parameters(1);
        var shifted = p with { SocialCare = p.SocialCare with { PublicHealthShareOfGrant = 1.0 } };
        Assert.True(Run(shifted).Years[0].Values[Metric.PublicHealthQalysMilli] > Run(p).Years[0].Values[Metric.PublicHealthQalysMilli]);
    }

    [Fact]
    public void Under_capitation_with_a_long_horizon_the_provider_buys_prevention_and_under_payment_by_results_it_does_not()
    {
        var p = SmallEconomy.Parameters(1);
        var capitated = p with
        {
            Contracts = p.Contracts with { Acute = PaymentRegime.Capitation },
            Commissioning = p.Commissioning with { PreventionInvestmentShare = 0.005 },
            Governance = p.Governance with { SettlementHorizonYears = 10 },
        };
        var pbr = capitated with { Contracts = capitated.Contracts with { Acute = PaymentRegime.PaymentByResults }, Governance = p.Governance };
        Assert.True(Run(capitated).Years[0].Values[Metric.PreventionInvestment] > 0);
        Assert.Equal(0, Run(pbr).Years[0].Values[Metric.PreventionInvestment]);
    }

    [Fact]
    public void Transformation_money_is_paid_or_withheld_and_what_is_not_earned_leaves_the_economy_with_money_conserved()
    {
        var p = SmallEconomy.Parameters(2);
        var fund = p with { Funder = p.Funder with { TransformationFund = Money.FromPounds(40_000_000m), ControlTotalSurplusShare = 0.5 } };
        var result = SequentialRun.Run(SmallEconomy.Build(fund), 3);
        Assert.Equal(result.Phases, result.PhasesConserved);
        var year = result.Outcomes.Years[0];
        // A 50% surplus control total is never met: only the unconditional 30% is paid.
        Assert.Equal(Money.FromPounds(12_000_000m).Pence, year.Values[Metric.TransformationFundPaid]);
        Assert.Equal(Money.FromPounds(28_000_000m).Pence, year.Values[Metric.TransformationFundWithheld]);
    }

    [Fact]
    public void A_pump_prime_brought_by_a_policy_change_is_paid_in_equal_parts_over_its_years_from_that_year_with_money_conserved()
    {
        var p = SmallEconomy.Parameters(5);
        var deal = WithChange(p, 2025, x => x with { Funder = x.Funder with { PumpPrimeFunding = Money.FromPounds(10_000_000.03m), PumpPrimeYears = 3 } });
        var result = SequentialRun.Run(SmallEconomy.Build(deal), 3);
        Assert.Equal(result.Phases, result.PhasesConserved);
        var paid = result.Outcomes.Years.Select(y => y.Values[Metric.PumpPrime]).ToArray();
        // Nothing before the deal, a third in each of its three years (the odd pennies first), nothing after.
        Assert.Equal([0L, 333_333_335L, 333_333_334L, 333_333_334L, 0L], paid);
    }

    [Fact]
    public void A_pump_prime_in_the_scenario_itself_is_paid_from_the_first_year_and_by_default_in_that_year_only()
    {
        var funder = SmallEconomy.Parameters().Funder with { PumpPrimeFunding = Money.FromPounds(900m) };
        var byYear = new[] { funder, funder, funder };
        Assert.Equal([Money.FromPounds(900m), Money.Zero, Money.Zero], Enumerable.Range(0, 3).Select(y => Economics.Allocation.PumpPrimeInYear(byYear, y)));
        var spread = byYear.Select(f => f with { PumpPrimeYears = 2 }).ToArray();
        Assert.Equal([Money.FromPounds(450m), Money.FromPounds(450m), Money.Zero], Enumerable.Range(0, 3).Select(y => Economics.Allocation.PumpPrimeInYear(spread, y)));
    }
}
