using EconomySim.Domain.Economics;
using EconomySim.Domain.Organisations;

namespace EconomySim.Domain.Tests;

/// <summary>Input costs from pay and prices, pay awards funded above a settlement, capacity bought at the margin, and the order in which the waiting list is treated.</summary>
public class CostAndCapacityTests
{
    private static ContractTerms Terms(PaymentRegime regime) => new(2024, regime, Money.FromPounds(1_200_000m), Money.Zero,
        Money.FromPounds(1_000m), Money.FromPounds(3_000m), Money.FromPounds(200m), 1_200, 0, 0, 0.2, 0.02, 0.5);

    [Fact]
    public void Input_costs_grow_with_the_pay_award_and_other_prices_weighted_by_pay_share_plus_what_care_uses()
    {
        var funder = SmallEconomy.Parameters().Funder with { TariffUplift = 0.02m };
        var p = SmallEconomy.Parameters().Trusts with { PayAward = 0.05, NonPayInflation = 0.10, PayShareOfCost = 0.6, CostIntensityGrowth = 0.01 };
        Assert.Equal(0.6 * 0.05 + 0.4 * 0.10 + 0.01, p.InputCostInflation(funder), 12);
        // Without its own keys a scenario's costs follow the tariff's cost uplift.
        var plain = p with { PayAward = null, NonPayInflation = null, CostIntensityGrowth = 0 };
        Assert.Equal(0.02, plain.InputCostInflation(funder), 12);
    }

    [Fact]
    public void A_pay_award_above_the_settlement_adds_its_excess_on_pays_share_of_cost_and_one_within_it_adds_nothing()
    {
        var trusts = SmallEconomy.Parameters().Trusts with { PayAward = 0.055, PayShareOfCost = 0.65 };
        var funder = SmallEconomy.Parameters().Funder;
        Assert.Equal((0.055 - 0.035) * 0.65, PayAwardFunding.AdditionRate(trusts, funder with { PayAwardInSettlement = 0.035 }), 12);
        Assert.Equal(0, PayAwardFunding.AdditionRate(trusts, funder with { PayAwardInSettlement = 0.06 }));
        Assert.Equal(0, PayAwardFunding.AdditionRate(trusts, funder with { PayAwardInSettlement = null }));
    }

    [Fact]
    public void Paid_per_case_a_trust_buys_most_of_the_capacity_on_offer_but_on_a_block_only_what_altruism_adds()
    {
        var p = SmallEconomy.Parameters().Trusts with { AltruismWeight = 0.3, ElectiveMarginResponse = 0.1, BoughtCapacityCostPremium = 1.5 };
        var ownMarginalCost = Money.FromPounds(500m);
        var perCase = Trust.BoughtElectives(Terms(PaymentRegime.PaymentByResults), p, 100, ownMarginalCost);
        var block = Trust.BoughtElectives(Terms(PaymentRegime.Block), p, 100, ownMarginalCost);
        // Per case: a margin of (1,000 - 750) / 1,000 = 0.25 over a width of 0.1; on a block: -0.75.
        Assert.InRange(perCase, 92, 97);
        Assert.InRange(block, 30, 31);
        Assert.Equal(0, Trust.BoughtElectives(Terms(PaymentRegime.PaymentByResults), p, 0, ownMarginalCost));
    }

    [Fact]
    public void Booking_in_turn_shortens_the_longest_waits_and_urgent_first_treats_the_newest_referrals()
    {
        var list = new int[WaitingList.Buckets];
        list[0] = 100;
        list[6] = 100;
        var (inTurn, treatedInTurn, _) = WaitingList.Advance(list, 0, 100, 0, inTurnShare: 1);
        var (urgent, treatedUrgent, _) = WaitingList.Advance(list, 0, 100, 0, urgentShare: 1);
        var (mixed, treatedMixed, _) = WaitingList.Advance(list, 0, 100, 0);
        Assert.Equal(100, treatedInTurn);
        Assert.Equal(100, treatedUrgent);
        Assert.Equal(100, treatedMixed);
        // After the month the longest waiters (now 7 months) are gone when booked in turn and all remain when urgent cases go first.
        Assert.Equal(0, inTurn[7]);
        Assert.Equal(100, urgent[7]);
        Assert.Equal(50, mixed[7]);
        Assert.Equal(100, inTurn[1]);
        Assert.Equal(0, urgent[1]);
    }
}

/// <summary>A pandemic's extra cost and money added to the settlement, through whole runs of the small economy.</summary>
public class PandemicCostAndSettlementAdditionTests
{
    private static Runs.RunOutcomes Run(EconomyParameters parameters) => Runs.SequentialRun.Run(SmallEconomy.Build(parameters), 3).Outcomes;

    private static EconomyParameters WithChanges(EconomyParameters p, params (int Year, Func<EconomyParameters, EconomyParameters> Change)[] changes)
    {
        var list = new List<PolicyChange>();
        var current = p;
        foreach (var (year, change) in changes)
        {
            current = change(current);
            list.Add(new PolicyChange(year, "test change", current));
        }
        return p with { PolicyChanges = list };
    }

    [Fact]
    public void A_pandemics_extra_cost_raises_trust_cost_in_its_year_and_is_gone_when_it_ends()
    {
        var p = SmallEconomy.Parameters(4);
        var pandemic = WithChanges(p,
            (2025, x => x with { Trusts = x.Trusts with { PandemicCostShare = 0.2 } }),
            (2026, x => x with { Trusts = x.Trusts with { PandemicCostShare = 0 } }));
        var without = Run(p).Years;
        var with = Run(pandemic).Years;
        var inYear = (double)with[1].Values[Metric.TrustCost] / without[1].Values[Metric.TrustCost] - 1;
        Assert.InRange(inYear, 0.15, 0.25);
        // Later years' cost does not grow from the pandemic's: what remains is what the deficit changed (recovery effort).
        var after = (double)with[3].Values[Metric.TrustCost] / without[3].Values[Metric.TrustCost] - 1;
        Assert.InRange(after, -0.05, 0.02);
    }

    [Fact]
    public void Money_added_to_the_settlement_reaches_trusts_and_is_reported_apart_from_the_allocations()
    {
        var p = SmallEconomy.Parameters(3);
        var added = WithChanges(p, (2025, x => x with { Funder = x.Funder with { InYearFunding = Money.FromPounds(50_000_000m) } }));
        var without = Run(p).Years;
        var with = Run(added).Years;
        Assert.Equal(without[1].Values[Metric.CommissionerAllocations], with[1].Values[Metric.CommissionerAllocations]);
        Assert.Equal(Money.FromPounds(50_000_000m).Pence, with[1].Values[Metric.SettlementAdditions]);
        Assert.True(with[1].Values[Metric.TrustIncome] > without[1].Values[Metric.TrustIncome] + Money.FromPounds(30_000_000m).Pence,
            $"trust income {with[1].Values[Metric.TrustIncome]} against {without[1].Values[Metric.TrustIncome]}");
        Assert.Equal(without[1].Values[Metric.SpendPrimaryCare], with[1].Values[Metric.SpendPrimaryCare]);
    }
}
