using EconomySim.Domain.Economics;
using EconomySim.Domain.Organisations;

namespace EconomySim.Domain.Tests;

public class NegotiationAndGovernanceTests
{
    private static readonly ContractParameters Rules = SmallEconomy.Parameters().Contracts with { AcceptTolerance = 0.01, RefuseThreshold = 0.08, MaxConcession = 0.02 };

    [Theory]
    [InlineData(995_000, ContractReplyKind.Accept)]
    [InlineData(950_000, ContractReplyKind.Counter)]
    [InlineData(900_000, ContractReplyKind.Refuse)]
    public void A_provider_accepts_counters_or_refuses_by_how_far_the_offer_falls_short_of_cost(int offered, ContractReplyKind expected)
    {
        var reply = Negotiation.Answer(2024, Money.FromPounds(offered), Money.FromPounds(1_000_000m), Rules);
        Assert.Equal(expected, reply.Kind);
    }

    [Fact]
    public void A_counter_offer_within_the_concession_limit_is_agreed_as_asked()
    {
        var reply = new ContractReply(2024, ContractReplyKind.Counter, Money.FromPounds(1_015_000m));
        Assert.Equal(Money.FromPounds(1_015_000m), Negotiation.Settle(Money.FromPounds(1_000_000m), reply, null, Rules));
    }

    [Fact]
    public void A_counter_offer_beyond_the_concession_limit_is_settled_half_way()
    {
        var reply = new ContractReply(2024, ContractReplyKind.Counter, Money.FromPounds(1_060_000m));
        Assert.Equal(Money.FromPounds(1_030_000m), Negotiation.Settle(Money.FromPounds(1_000_000m), reply, null, Rules));
    }

    [Fact]
    public void A_refusal_falls_back_on_last_years_contract_rolled_over()
    {
        var reply = new ContractReply(2024, ContractReplyKind.Refuse, Money.FromPounds(1_200_000m));
        Assert.Equal(Money.FromPounds(1_014_000m), Negotiation.Settle(Money.FromPounds(1_000_000m), reply, Money.FromPounds(1_014_000m), Rules));
        Assert.Equal(Money.FromPounds(1_000_000m), Negotiation.Settle(Money.FromPounds(1_000_000m), reply, null, Rules));
    }

    private static VoteCast Vote(bool inFavour, double weight, bool veto = false) => new(1, inFavour, veto, weight);

    [Fact]
    public void Under_unanimity_one_veto_blocks_a_proposal_most_support()
    {
        var votes = new[] { Vote(true, 10), Vote(true, 10), Vote(false, 1, veto: true) };
        var outcome = DecisionRules.Decide(DecisionRule.Unanimity, 2.0 / 3, votes);
        Assert.False(outcome.Adopted);
        Assert.Equal(1, outcome.Vetoes);
    }

    [Fact]
    public void Under_qualified_majority_a_veto_counts_only_as_a_vote_against()
    {
        var votes = new[] { Vote(true, 10), Vote(true, 10), Vote(false, 1, veto: true) };
        Assert.True(DecisionRules.Decide(DecisionRule.QualifiedMajority, 2.0 / 3, votes).Adopted);
    }

    [Fact]
    public void Qualified_majority_is_weighted_and_fails_below_the_threshold()
    {
        // Three small bodies in favour cannot outvote one that holds most of the budget.
        var votes = new[] { Vote(true, 1), Vote(true, 1), Vote(true, 1), Vote(false, 3) };
        var outcome = DecisionRules.Decide(DecisionRule.QualifiedMajority, 2.0 / 3, votes);
        Assert.False(outcome.Adopted);
        Assert.Equal(3, outcome.WeightInFavour);
        Assert.Equal(3, outcome.WeightAgainst);
    }

    [Fact]
    public void Unanimity_adopts_when_every_affected_body_agrees()
    {
        Assert.True(DecisionRules.Decide(DecisionRule.Unanimity, 2.0 / 3, [Vote(true, 1), Vote(true, 5)]).Adopted);
    }

    [Fact]
    public void Pace_of_change_closes_the_given_fraction_of_each_distance_from_target()
    {
        var next = Allocation.MoveTowardsTarget([0.6, 0.4], [0.5, 0.5], 0.25);
        Assert.Equal(0.575, next[0], 12);
        Assert.Equal(0.425, next[1], 12);
    }

    [Fact]
    public void Weighted_capitation_targets_follow_population_times_need()
    {
        var targets = Allocation.TargetShares([
            new CommissionerProfile(1, "A", "A", "R", 100, 1.5, 0.5),
            new CommissionerProfile(2, "B", "B", "R", 300, 0.5, 0.5)]);
        Assert.Equal(0.5, targets[0], 12);
        Assert.Equal(0.5, targets[1], 12);
    }

    [Fact]
    public void Bailout_chance_rises_with_the_deficit_relative_to_turnover()
    {
        var turnover = Money.FromPounds(500_000_000m);
        var small = Bailouts.PerTrustProbability(Money.FromPounds(1_000_000m), turnover, 0.2, 10);
        var large = Bailouts.PerTrustProbability(Money.FromPounds(20_000_000m), turnover, 0.2, 10);
        Assert.True(large > small);
        Assert.Equal(0, Bailouts.PerTrustProbability(Money.FromPounds(-5m), turnover, 0.2, 10));
    }

    [Fact]
    public void System_distress_funding_covers_only_the_net_deficit_after_surpluses_in_the_system()
    {
        var grants = Bailouts.SystemDistress([Money.FromPounds(-30m), Money.FromPounds(-10m), Money.FromPounds(15m)], Money.FromPounds(5m));
        Assert.Equal([Money.FromPounds(15m), Money.FromPounds(5m), Money.Zero], grants);
    }

    [Fact]
    public void A_system_in_surplus_overall_gets_no_distress_funding()
    {
        var grants = Bailouts.SystemDistress([Money.FromPounds(-30m), Money.FromPounds(40m)], Money.Zero);
        Assert.All(grants, g => Assert.Equal(Money.Zero, g));
    }

    [Fact]
    public void Adopted_reconfiguration_moves_acute_share_half_to_community_half_to_primary_care()
    {
        var shares = new BudgetShares(0.5, 0.07, 0.1, 0.08, 0.01, 0.07, 0.16, 0.01).ShiftFromAcute(0.1);
        Assert.Equal(0.45, shares.Acute, 12);
        Assert.Equal(0.095, shares.Community, 12);
        Assert.Equal(0.105, shares.PrimaryCare, 12);
        Assert.Equal(1.0, shares.AsWeights().Sum(), 12);
    }

    [Fact]
    public void A_council_refuses_a_pool_that_ring_fences_more_of_its_money_than_the_nhs_puts_in_unless_devolved()
    {
        var budget = Money.FromPounds(100m);
        Assert.True(Council.AcceptsPool(new PoolProposal(2024, Money.FromPounds(10m), 0.07, false), budget));
        Assert.False(Council.AcceptsPool(new PoolProposal(2024, Money.FromPounds(5m), 0.07, false), budget));
        Assert.True(Council.AcceptsPool(new PoolProposal(2024, Money.FromPounds(5m), 0.07, true), budget));
    }
}
