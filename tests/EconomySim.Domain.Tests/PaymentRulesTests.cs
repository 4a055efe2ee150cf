using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Tests;

public class PaymentRulesTests
{
    private static ContractTerms Terms(PaymentRegime regime, decimal annual = 1_200_000m, decimal other = 0m) => new(
        2024, regime, Money.FromPounds(annual), Money.FromPounds(other),
        Money.FromPounds(1_000m), Money.FromPounds(3_000m), Money.FromPounds(200m),
        PlannedElective: 600, PlannedEmergency: 120, PlannedAandE: 1_200,
        VariableRate: 0.2, DeadBand: 0.02, SharedFraction: 0.5);

    private static ActivityReport Activity(int elective, int emergency, int aandE) => new(1, elective, emergency, aandE, Money.Zero);

    [Fact]
    public void Twelve_monthly_slices_add_up_to_the_annual_amount_to_the_penny()
    {
        var annual = new Money(1_000_000_007);
        var total = Money.Zero;
        for (var m = 1; m <= 12; m++) total += PaymentRules.MonthlySlice(annual, m);
        Assert.Equal(annual, total);
    }

    [Theory]
    [InlineData(1_000_000_007L)]
    [InlineData(-1_000_000_007L)]
    [InlineData(11L)]
    [InlineData(-13L)]
    public void Each_monthly_slice_is_the_running_total_cut_at_whole_pence_toward_zero(long pence)
    {
        var running = 0L;
        for (var m = 1; m <= 12; m++)
        {
            var slice = PaymentRules.MonthlySlice(new Money(pence), m).Pence;
            running += slice;
            Assert.Equal((long)decimal.Truncate(pence * (decimal)m / 12m), running);
        }
        Assert.Equal(pence, running);
    }

    [Fact]
    public void Payment_by_results_pays_every_case_at_its_price_plus_the_non_tariff_block()
    {
        var terms = Terms(PaymentRegime.PaymentByResults, other: 120_000m);
        // 10k for non-tariff services, 50 x 1,000 + 10 x 3,000 + 100 x 200 for cases.
        Assert.Equal(Money.FromPounds(10_000m + 50_000m + 30_000m + 20_000m), PaymentRules.PaymentByResults(terms, Activity(50, 10, 100), 1));
    }

    [Fact]
    public void Block_pays_a_twelfth_whatever_the_activity()
    {
        var terms = Terms(PaymentRegime.Block);
        Assert.Equal(Money.FromPounds(100_000m), PaymentRules.Monthly(terms, Activity(0, 0, 0), 3, Money.Zero));
        Assert.Equal(Money.FromPounds(100_000m), PaymentRules.Monthly(terms, Activity(500, 90, 900), 3, Money.Zero));
    }

    [Fact]
    public void Blended_adds_the_variable_rate_on_activity_above_plan_and_deducts_it_below()
    {
        var terms = Terms(PaymentRegime.Blended);
        // Plan per month: 50 electives, 10 emergencies, 100 attendances.
        var above = PaymentRules.Blended(terms, Activity(60, 10, 100), 1);
        var below = PaymentRules.Blended(terms, Activity(40, 10, 100), 1);
        Assert.Equal(Money.FromPounds(100_000m + 0.2m * 10 * 1_000m), above);
        Assert.Equal(Money.FromPounds(100_000m - 0.2m * 10 * 1_000m), below);
    }

    [Fact]
    public void Capitation_corridor_keeps_variance_within_the_dead_band_with_the_provider()
    {
        var annual = Money.FromPounds(1_000_000m);
        Assert.Equal(Money.Zero, PaymentRules.CapitationCorridor(annual, Money.FromPounds(1_015_000m), 0.02, 0.5));
        Assert.Equal(Money.Zero, PaymentRules.CapitationCorridor(annual, Money.FromPounds(985_000m), 0.02, 0.5));
    }

    [Fact]
    public void Capitation_corridor_shares_overspend_and_underspend_beyond_the_dead_band()
    {
        var annual = Money.FromPounds(1_000_000m);
        // 60k over: 20k within the band, half of the other 40k shared.
        Assert.Equal(Money.FromPounds(20_000m), PaymentRules.CapitationCorridor(annual, Money.FromPounds(1_060_000m), 0.02, 0.5));
        Assert.Equal(Money.FromPounds(-20_000m), PaymentRules.CapitationCorridor(annual, Money.FromPounds(940_000m), 0.02, 0.5));
    }

    [Fact]
    public void Capitation_settles_its_corridor_in_the_last_month_only()
    {
        var terms = Terms(PaymentRegime.Capitation);
        var overspent = Money.FromPounds(1_300_000m);
        Assert.Equal(Money.FromPounds(100_000m), PaymentRules.Monthly(terms, Activity(0, 0, 0), 11, overspent));
        // 100k over, 24k band, half of 76k shared.
        Assert.Equal(Money.FromPounds(100_000m + 38_000m), PaymentRules.Monthly(terms, Activity(0, 0, 0), 12, overspent));
    }

    [Theory]
    [InlineData(PaymentRegime.PaymentByResults, 1_000)]
    [InlineData(PaymentRegime.Blended, 200)]
    [InlineData(PaymentRegime.Block, 0)]
    [InlineData(PaymentRegime.Capitation, 0)]
    public void Marginal_payment_for_one_more_elective_depends_on_the_regime(PaymentRegime regime, int pounds)
    {
        Assert.Equal(Money.FromPounds(pounds), PaymentRules.MarginalElectivePayment(Terms(regime)));
    }

    [Fact]
    public void Prices_rise_by_uplift_less_efficiency()
    {
        Assert.Equal(Money.FromPounds(1_015m), PaymentRules.UpliftPrice(Money.FromPounds(1_000m), 0.025m, 0.01m));
    }
}
