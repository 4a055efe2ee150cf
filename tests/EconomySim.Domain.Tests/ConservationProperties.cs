using CsCheck;
using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

/// <summary>Over random scenarios (every regime, governance rule and a policy change), money is conserved and no stock goes negative.</summary>
public class ConservationProperties
{
    private static readonly Metric[] Stocks =
    [
        Metric.WaitingList, Metric.WaitingOver18Weeks, Metric.PeopleSupported, Metric.UnmetSocialCareNeed, Metric.DelayedDischargeBedDays,
        Metric.BedDaysUsed, Metric.ElectiveTreated, Metric.EmergencyAdmissions, Metric.AvoidableAdmissions, Metric.AandEAttendances,
        Metric.GpAppointments, Metric.SpendAcute, Metric.SpendPrevention, Metric.SocialCareSpend, Metric.PreventionInvestment,
        Metric.TransformationFundPaid, Metric.BailoutValue, Metric.Population,
    ];

    private static readonly Gen<EconomyParameters> Scenarios =
        from acute in Gen.Enum<PaymentRegime>()
        from community in Gen.Enum<PaymentRegime>()
        from later in Gen.Enum<PaymentRegime>()
        from rule in Gen.Enum<DecisionRule>()
        from bailout in Gen.Enum<BailoutRegime>()
        from allocation in Gen.Enum<AllocationRegime>()
        from growth in Gen.Enum<AcuteGrowthPolicy>()
        from controls in Gen.Enum<ControlTotalLevel>()
        from horizon in Gen.Int[1, 6]
        from fund in Gen.Int[0, 50]
        from prevention in Gen.Double[0, 0.02]
        from closure in Gen.Double[0, 1]
        from scrutiny in Gen.Double[0, 1]
        from cut in Gen.Double[0.3, 1.5]
        select Build(acute, community, later, rule, bailout, allocation, growth, controls, horizon, fund, prevention, closure, scrutiny, cut);

    private static EconomyParameters Build(PaymentRegime acute, PaymentRegime community, PaymentRegime later, DecisionRule rule, BailoutRegime bailout,
        AllocationRegime allocation, AcuteGrowthPolicy growth, ControlTotalLevel controls, int horizon, int fundMillions, double prevention,
        double closure, double scrutiny, double socialCareChange)
    {
        var p = SmallEconomy.Parameters(3);
        p = p with
        {
            Funder = p.Funder with { TransformationFund = Money.FromPounds(fundMillions * 1_000_000m) },
            Commissioning = p.Commissioning with { AcuteGrowth = growth, PreventionInvestmentShare = prevention, EmergencyDepartmentClosureProbability = closure },
            Contracts = p.Contracts with { Acute = acute, Community = community, MentalHealth = community },
            Governance = p.Governance with { DecisionRule = rule, Bailout = bailout, Allocation = allocation, SettlementHorizonYears = horizon, ScrutinyReferralProbability = scrutiny, ControlTotals = controls },
        };
        var changed = p with
        {
            Contracts = p.Contracts with { Acute = later },
            SocialCare = p.SocialCare with { OwnResources = p.SocialCare.OwnResources.Times(socialCareChange) },
        };
        return p with { PolicyChanges = [new PolicyChange(2025, "random change", changed)] };
    }

    [Fact]
    public void Any_scenario_conserves_money_in_every_phase_and_keeps_every_stock_at_or_above_zero()
    {
        Scenarios.Sample(parameters =>
        {
            // A run that broke conservation would have thrown MoneyNotConservedException inside SequentialRun.
            var result = SequentialRun.Run(SmallEconomy.Build(parameters), 5);
            if (result.PhasesConserved != result.Phases) return false;
            for (var tick = 0; tick < result.Outcomes.Ticks.Length / MetricCatalogue.Count; tick++)
                foreach (var metric in Stocks)
                    if (result.Outcomes.AtTick(tick, metric) < 0) return false;
            return true;
        }, iter: 25, threads: 1);
    }
}
