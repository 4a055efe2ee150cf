using EconomySim.Domain.Economics;
using EconomySim.Domain.Organisations;

namespace EconomySim.Domain.Tests;

public class CausalChannelTests
{
    [Fact]
    public void Ten_percent_more_care_supply_cuts_social_care_delays_by_six_to_nine_percent()
    {
        double SocialCareDelays(double ratio) =>
            CausalChannels.DelayedDischargeBedDays(1_000, 0.13, 0.37, ratio, 0.75) - 1_000 * 0.13 * 0.63;
        var fall = 1 - SocialCareDelays(1.1) / SocialCareDelays(1.0);
        Assert.InRange(fall, 0.06, 0.09);
    }

    [Fact]
    public void Less_care_supply_means_more_delayed_discharges()
    {
        Assert.True(CausalChannels.DelayedDischargeBedDays(1_000, 0.13, 0.37, 0.8, 0.75) > CausalChannels.DelayedDischargeBedDays(1_000, 0.13, 0.37, 1.0, 0.75));
    }

    [Fact]
    public void More_failed_gp_access_means_more_aande_attendances()
    {
        var baseline = CausalChannels.AandEAttendances(1_000, 0.25, 0.03, 0.03);
        var worse = CausalChannels.AandEAttendances(1_000, 0.25, 0.06, 0.03);
        Assert.Equal(1_000, baseline, 9);
        Assert.Equal(1_250, worse, 9);
    }

    [Fact]
    public void Prevention_effect_grows_with_spend_and_never_passes_its_ceiling()
    {
        Assert.Equal(0, CausalChannels.PreventionEffect(0, 0.3, 20));
        Assert.Equal(0.15, CausalChannels.PreventionEffect(20, 0.3, 20), 12);
        Assert.True(CausalChannels.PreventionEffect(40, 0.3, 20) > CausalChannels.PreventionEffect(20, 0.3, 20));
        Assert.True(CausalChannels.PreventionEffect(1e9, 0.3, 20) < 0.3);
    }

    [Fact]
    public void A_month_on_the_waiting_list_conserves_patients()
    {
        var list = WaitingList.Initial(12_000);
        var (next, treated, dropped) = WaitingList.Advance(list, 1_500, 1_200, 0.01);
        Assert.Equal(12_000 + 1_500, WaitingList.Total(next) + treated + dropped);
        Assert.Equal(1_200, treated);
        Assert.Equal(1_500, next[0]);
    }

    [Fact]
    public void Untreated_patients_age_past_eighteen_weeks()
    {
        var list = new int[WaitingList.Buckets];
        list[3] = 100;
        var (next, _, _) = WaitingList.Advance(list, 0, 0, 0);
        Assert.Equal(0, WaitingList.Over18Weeks(list));
        Assert.Equal(100, WaitingList.Over18Weeks(next));
    }

    private static ContractTerms Terms(PaymentRegime regime) => new(2024, regime, Money.FromPounds(1_200_000m), Money.Zero,
        Money.FromPounds(1_000m), Money.FromPounds(3_000m), Money.FromPounds(200m), 1_200, 0, 0, 0.2, 0.02, 0.5);

    [Fact]
    public void Paid_per_case_a_trust_fills_its_capacity_but_on_a_block_it_lets_the_waiting_list_absorb_demand()
    {
        var p = SmallEconomy.Parameters().Trusts with { AltruismWeight = 0.3, ElectiveMarginalCostShare = 0.6 };
        var marginalCost = Money.FromPounds(600m);
        Assert.Equal(300, Trust.ElectivesWanted(Terms(PaymentRegime.PaymentByResults), p, 1, 300, marginalCost));
        // Plan is 100 a month; altruism adds 30% of the 200 spare.
        Assert.Equal(160, Trust.ElectivesWanted(Terms(PaymentRegime.Block), p, 1, 300, marginalCost));
        // v x price = 200 is below the 600 marginal cost, so a blended contract behaves like a block at the margin.
        Assert.Equal(160, Trust.ElectivesWanted(Terms(PaymentRegime.Blended), p, 1, 300, marginalCost));
    }

    [Fact]
    public void With_a_graded_response_elective_effort_rises_with_the_margin_by_degree()
    {
        var p = SmallEconomy.Parameters().Trusts with { AltruismWeight = 0.3, ElectiveMarginResponse = 0.1 };
        var price = Money.FromPounds(1_000m);
        var cost = Money.FromPounds(500m);
        var block = Trust.ElectiveEffort(Money.Zero, cost, price, p);
        var blended = Trust.ElectiveEffort(Money.FromPounds(200m), cost, price, p);
        var perCase = Trust.ElectiveEffort(price, cost, price, p);
        Assert.True(block < blended && blended < perCase, $"block {block}, blended {blended}, per case {perCase}");
        Assert.InRange(block, 0.3, 0.31);
        Assert.InRange(perCase, 0.99, 1.0);
        // At a margin of zero the trust is indifferent: half of the capacity its altruism leaves.
        Assert.Equal(0.65, Trust.ElectiveEffort(cost, cost, price, p), 6);
    }

    [Fact]
    public void Soft_budgets_weaken_cost_cutting_effort_by_how_likely_and_how_fully_deficits_are_covered()
    {
        var p = SmallEconomy.Parameters().Trusts;
        var funder = SmallEconomy.Parameters().Funder;
        var hard = Trust.CostCuttingEffort(p, BailoutRegime.HardBudget, funder, 0);
        var perTrust = Trust.CostCuttingEffort(p, BailoutRegime.PerTrust, funder, 0);
        var system = Trust.CostCuttingEffort(p, BailoutRegime.SystemDistress, funder, 0);
        Assert.True(system < perTrust && perTrust < hard, $"system {system}, per trust {perTrust}, hard {hard}");
        var lessLikely = Trust.CostCuttingEffort(p, BailoutRegime.PerTrust, funder with { BailoutBaseProbability = funder.BailoutBaseProbability / 2 }, 0);
        Assert.True(lessLikely > perTrust);
    }

    [Fact]
    public void A_trust_in_deficit_adds_recovery_effort_in_proportion_to_its_deficit()
    {
        var p = SmallEconomy.Parameters().Trusts with { DeficitEffort = 0.5 };
        var funder = SmallEconomy.Parameters().Funder;
        var none = Trust.CostCuttingEffort(p, BailoutRegime.HardBudget, funder, -0.02);
        var small = Trust.CostCuttingEffort(p, BailoutRegime.HardBudget, funder, 0.01);
        var large = Trust.CostCuttingEffort(p, BailoutRegime.HardBudget, funder, 0.04);
        Assert.Equal(p.EfficiencyEffort, none, 9);
        Assert.Equal(p.EfficiencyEffort + 0.005, small, 9);
        Assert.Equal(p.EfficiencyEffort + 0.02, large, 9);
    }
}
