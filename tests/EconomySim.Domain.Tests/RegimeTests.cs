using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Tests;

/// <summary>Every payment regime of DOMAIN.md against cases worked by hand.</summary>
public class RegimeTests
{
    // Plan per month: 50 electives, 10 emergency admissions, 100 attendances; prices £1,000, £3,000 and £200.
    private static ContractTerms Terms(PaymentRegime regime, decimal annual = 1_200_000m, decimal other = 0m) => new(
        2024, regime, Money.FromPounds(annual), Money.FromPounds(other),
        Money.FromPounds(1_000m), Money.FromPounds(3_000m), Money.FromPounds(200m),
        PlannedElective: 600, PlannedEmergency: 120, PlannedAandE: 1_200,
        VariableRate: 0.2, DeadBand: 0.02, SharedFraction: 0.5,
        ElectiveVariableRate: 0.75, MarginalEmergencyRate: 0.3, CorridorCap: 0.1, StopLoss: 0.15,
        WithholdShare: 0.05, OutcomeTarget: 0.92, FailureScore: 0.5);

    private static ActivityReport Activity(int elective, int emergency, int aandE) => new(1, elective, emergency, aandE, Money.Zero);

    [Fact]
    public void Marginal_emergency_rate_pays_full_price_up_to_the_baseline_and_r_above_it()
    {
        var terms = Terms(PaymentRegime.MarginalEmergencyRate, other: 120_000m);
        // 10k block + 50 x 1,000 + 10 x 3,000 within baseline + 4 x 0.3 x 3,000 above it + 100 x 200.
        Assert.Equal(Money.FromPounds(10_000m + 50_000m + 30_000m + 3_600m + 20_000m), PaymentRules.MarginalEmergency(terms, Activity(50, 14, 100), 1));
        // The commissioner keeps 4 x 0.7 x 3,000 for admission avoidance.
        Assert.Equal(Money.FromPounds(8_400m), PaymentRules.MarginalEmergencyRetained(terms, Activity(50, 14, 100), 1));
        // Below the baseline it is plain payment by results.
        Assert.Equal(PaymentRules.PaymentByResults(terms, Activity(50, 8, 100), 1), PaymentRules.MarginalEmergency(terms, Activity(50, 8, 100), 1));
    }

    [Fact]
    public void Blended_uses_the_elective_rate_for_electives_and_the_urgent_rate_for_emergencies_in_both_directions()
    {
        var terms = Terms(PaymentRegime.Blended);
        // 100k fixed + 0.75 x 10 extra electives x 1,000 + 0.2 x 5 extra admissions x 3,000.
        Assert.Equal(Money.FromPounds(100_000m + 7_500m + 3_000m), PaymentRules.Blended(terms, Activity(60, 15, 100), 1));
        // 100k - 0.75 x 10 x 1,000 - 0.2 x 50 attendances x 200.
        Assert.Equal(Money.FromPounds(100_000m - 7_500m - 2_000m), PaymentRules.Blended(terms, Activity(40, 10, 50), 1));
    }

    [Fact]
    public void A_block_within_a_settlement_rolls_last_year_forward_at_uplift_less_efficiency_plus_negotiated_growth()
    {
        // 1,000,000 x (1 + 0.025 - 0.015 + 0.01).
        Assert.Equal(Money.FromPounds(1_020_000m), PaymentRules.BlockRolledForward(Money.FromPounds(1_000_000m), 0.025m, 0.015m, 0.01));
    }

    [Fact]
    public void Capitation_is_population_times_need_times_unit_cost()
    {
        Assert.Equal(Money.FromPounds(2_640_000m), PaymentRules.CapitationValue(10_000, 1.2, Money.FromPounds(220m)));
    }

    [Fact]
    public void The_risk_corridor_is_capped_and_the_stop_loss_covers_losses_beyond_it()
    {
        var annual = Money.FromPounds(1_000_000m);
        // 300k over: band 20k, half of 280k is 140k, capped at 10% = 100k; the provider would lose 200k, the stop-loss
        // at 15% = 150k makes the commissioner pay the other 50k too.
        Assert.Equal(Money.FromPounds(150_000m), PaymentRules.CapitationCorridor(annual, Money.FromPounds(1_300_000m), 0.02, 0.5, 0.1, 0.15));
        // 60k over: 20k shared, under the cap, the provider's 40k loss under the stop-loss.
        Assert.Equal(Money.FromPounds(20_000m), PaymentRules.CapitationCorridor(annual, Money.FromPounds(1_060_000m), 0.02, 0.5, 0.1, 0.15));
        // 300k under: the commissioner claws back half of 280k, capped at 100k.
        Assert.Equal(Money.FromPounds(-100_000m), PaymentRules.CapitationCorridor(annual, Money.FromPounds(700_000m), 0.02, 0.5, 0.1, 0.15));
    }

    [Fact]
    public void Outcome_based_withholds_each_month_and_releases_the_withhold_by_score_in_month_twelve()
    {
        var terms = Terms(PaymentRegime.OutcomeBased);
        // 1.2m less 5% withhold = 1.14m a year, 95k a month.
        Assert.Equal(Money.FromPounds(95_000m), PaymentRules.Monthly(terms, Activity(0, 0, 0), 3, Money.Zero, 1));
        // Month 12: 95k + 60k withhold x 0.75.
        Assert.Equal(Money.FromPounds(95_000m + 45_000m), PaymentRules.Monthly(terms, Activity(0, 0, 0), 12, Money.Zero, 0.75));
    }

    [Fact]
    public void The_outcome_score_is_the_share_within_18_weeks_over_the_target_and_a_low_score_fails_the_contract()
    {
        // 1,000 waiting, 310 over 18 weeks: 69% within, over a 92% target = 0.75.
        Assert.Equal(0.75, PaymentRules.OutcomeScore(1_000, 310, 0.92), 12);
        Assert.Equal(1, PaymentRules.OutcomeScore(1_000, 50, 0.92));
        Assert.True(PaymentRules.OutcomeContractFails(Terms(PaymentRegime.OutcomeBased), 0.4));
        Assert.False(PaymentRules.OutcomeContractFails(Terms(PaymentRegime.OutcomeBased), 0.75));
        Assert.False(PaymentRules.OutcomeContractFails(Terms(PaymentRegime.Block), 0.1));
    }

    [Fact]
    public void Personal_budgets_follow_assessed_need_and_are_spent_across_provider_and_council_care()
    {
        var budgets = PaymentRules.PersonalBudgets(Money.FromPounds(10_000m), [1, 3, 1]);
        Assert.Equal([Money.FromPounds(2_000m), Money.FromPounds(6_000m), Money.FromPounds(2_000m)], budgets);
        var (provider, care) = PaymentRules.PersonalBudgetSpend(Money.FromPounds(10_000m), 0.3);
        Assert.Equal(Money.FromPounds(7_000m), provider);
        Assert.Equal(Money.FromPounds(3_000m), care);
    }

    [Fact]
    public void Flat_cash_gives_acute_care_inflation_only_and_releases_the_rest_of_its_growth()
    {
        // Shares would give acute 1,050; last year 1,000 plus 2.5% inflation is 1,025; 25 released.
        var (acute, released) = BudgetPolicy.FlatCashAcute(Money.FromPounds(1_050m), Money.FromPounds(1_000m), 0.025m);
        Assert.Equal(Money.FromPounds(1_025m), acute);
        Assert.Equal(Money.FromPounds(25m), released);
        Assert.Equal((Money.FromPounds(10m), Money.FromPounds(10m), Money.FromPounds(5m)), BudgetPolicy.SplitGrowth(released, 0.4, 0.4, 0.2));
        // An allocation growing less than inflation takes acute care down with it and releases nothing.
        Assert.Equal((Money.FromPounds(1_010m), Money.Zero), BudgetPolicy.FlatCashAcute(Money.FromPounds(1_010m), Money.FromPounds(1_000m), 0.025m));
    }

    [Fact]
    public void Transformation_money_pays_its_conditional_part_only_when_the_control_total_is_met()
    {
        Assert.True(ControlTotals.Met(Money.FromPounds(10m), Money.FromPounds(1_000m), 0.01));
        Assert.False(ControlTotals.Met(Money.FromPounds(9m), Money.FromPounds(1_000m), 0.01));
        Assert.Equal((Money.FromPounds(100m), Money.Zero), ControlTotals.Quarter(Money.FromPounds(100m), 0.7, true));
        Assert.Equal((Money.FromPounds(30m), Money.FromPounds(70m)), ControlTotals.Quarter(Money.FromPounds(100m), 0.7, false));
        var quarters = Enumerable.Range(1, 4).Select(q => PaymentRules.QuarterlySlice(new Money(1_003), q)).ToList();
        Assert.Equal([new Money(250), new Money(251), new Money(251), new Money(251)], quarters);
    }

    [Theory]
    [InlineData(PaymentRegime.PaymentByResults, 3_000)]
    [InlineData(PaymentRegime.MarginalEmergencyRate, 900)]
    [InlineData(PaymentRegime.Blended, 600)]
    [InlineData(PaymentRegime.Block, 0)]
    [InlineData(PaymentRegime.Capitation, 0)]
    public void What_an_avoided_admission_saves_the_commissioner_depends_on_the_regime(PaymentRegime regime, int pounds)
    {
        Assert.Equal(Money.FromPounds(pounds), PaymentRules.CommissionerSavingPerAvoidedAdmission(regime, Money.FromPounds(3_000m), 0.3, 0.2));
    }
}

/// <summary>The prevention decision, the governance rules added with issue 4, and the channels' directions in a whole run.</summary>
public class PreventionAndGovernanceTests
{
    [Fact]
    public void Savings_count_only_after_the_lag_and_within_the_horizon_discounted()
    {
        // 100 a year in years 2, 3 and 4 at 10%: 100/1.21 + 100/1.331 + 100/1.4641.
        Assert.Equal(100 / 1.21 + 100 / 1.331 + 100 / 1.4641, Prevention.KeptSavingsPresentValue(100, 2, 5, 0.1), 9);
        Assert.Equal(0, Prevention.KeptSavingsPresentValue(100, 2, 1, 0.1));
    }

    [Fact]
    public void Avoided_admissions_come_from_the_rise_in_prevention_effect()
    {
        // 100k weighted people x 0.1 admissions x 0.2 avoidable x (E(20) - E(0)) with E(c) = 0.2 c / (c + 20) = 0.1.
        Assert.Equal(200, Prevention.AvoidedAdmissionsPerYear(100_000, 0.1, 0.2, 0, 20, 0.2, 20), 9);
    }

    [Fact]
    public void A_holder_invests_only_when_kept_savings_beat_the_cost_within_its_horizon()
    {
        // 200 admissions a year at £3,000 kept = £600k a year; over years 2-4 undiscounted £1.8m against a £1m cost.
        Assert.True(Prevention.Pays(Money.FromPounds(1_000_000m), 200, Money.FromPounds(3_000m), 2, 5, 0));
        // An annual settlement sees none of it; a holder that keeps nothing never invests.
        Assert.False(Prevention.Pays(Money.FromPounds(1_000_000m), 200, Money.FromPounds(3_000m), 2, 1, 0));
        Assert.False(Prevention.Pays(Money.FromPounds(1_000_000m), 200, Money.Zero, 2, 10, 0));
    }

    private static VoteCast Vote(bool inFavour, double weight, bool veto = false, bool referral = false) => new(1, inFavour, veto, weight, referral);

    [Fact]
    public void National_override_adopts_against_local_votes_and_vetoes_and_says_so()
    {
        var outcome = DecisionRules.Decide(DecisionRule.NationalOverride, 2.0 / 3, [Vote(false, 10, veto: true), Vote(false, 5), Vote(true, 1)]);
        Assert.True(outcome.Adopted);
        Assert.True(outcome.Overridden);
        Assert.False(DecisionRules.Decide(DecisionRule.NationalOverride, 2.0 / 3, [Vote(true, 1)]).Overridden);
    }

    [Fact]
    public void Population_weighted_majority_counts_people_not_pounds()
    {
        // By budget the acute trust (900) outweighs two councils (100 each); by population the councils' 400k beat its 150k.
        var byBudget = new[] { Vote(false, 900), Vote(true, 100), Vote(true, 100) };
        var byPopulation = new[] { Vote(false, 150_000), Vote(true, 200_000), Vote(true, 200_000) };
        Assert.False(DecisionRules.Decide(DecisionRule.QualifiedMajority, 2.0 / 3, byBudget).Adopted);
        Assert.True(DecisionRules.Decide(DecisionRule.QualifiedMajority, 2.0 / 3, byPopulation).Adopted);
    }

    [Fact]
    public void A_scrutiny_referral_delays_an_adopted_reform_by_the_scrutiny_delay()
    {
        var referred = DecisionRules.Decide(DecisionRule.QualifiedMajority, 0.5, [Vote(true, 10), Vote(false, 1, referral: true)]);
        Assert.True(referred.Adopted);
        Assert.Equal(1, referred.ScrutinyReferrals);
        Assert.Equal(3, referred.YearsToTakeEffect(2));
        Assert.Equal(1, DecisionRules.Decide(DecisionRule.QualifiedMajority, 0.5, [Vote(true, 10)]).YearsToTakeEffect(2));
    }

    [Fact]
    public void The_proposing_commissioner_votes_for_its_own_proposal_with_its_budget_or_population()
    {
        Assert.Equal(400_000_000.0, Organisations.Commissioner.OwnVote(7, VoteWeighting.Budget, Money.FromPounds(400_000_000m), 300_000).Weight);
        Assert.Equal(300_000.0, Organisations.Commissioner.OwnVote(7, VoteWeighting.Population, Money.FromPounds(400_000_000m), 300_000).Weight);
        Assert.True(Organisations.Commissioner.OwnVote(7, VoteWeighting.Budget, Money.Zero, 1).InFavour);
    }

    [Fact]
    public void Derived_outcomes_are_computed_from_the_months_and_years_values()
    {
        Assert.Equal(250, MetricCatalogue.PerMille(1, 4));
        Assert.Equal(0, MetricCatalogue.PerMille(1, 0));
        var info = MetricCatalogue.Info(Metric.WaitingOver18WeeksShare);
        Assert.Equal(Aggregation.Derived, info.Aggregation);
        Assert.Equal(300, info.Derive!(m => m == Metric.WaitingOver18Weeks ? 30 : m == Metric.WaitingList ? 100 : 0));
        Assert.Equal(0.3m, MetricCatalogue.Display(Metric.WaitingOver18WeeksShare, 300));
    }
}
