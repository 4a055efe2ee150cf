using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>Monthly payment of providers, the reserve's release, outcome scoring and transformation money by quarter.</summary>
public sealed partial class Commissioner
{
    private void PayProviders(StepContext context, Inbox inbox)
    {
        var month = context.Phase.Month;
        Money acute = Money.Zero, community = Money.Zero, mentalHealth = Money.Zero, primary = Money.Zero, prevention = Money.Zero, care = Money.Zero;
        var councils = Economy.CouncilsOf(Index);
        foreach (var (trust, report) in Items<ActivityReport>(inbox))
        {
            if (!_contracts.TryGetValue(trust, out var terms)) continue;
            var costSoFar = _providerCostThisYear.GetValueOrDefault(trust, Money.Zero) + report.Cost;
            _providerCostThisYear[trust] = costSoFar;
            var score = terms.Regime == PaymentRegime.OutcomeBased
                ? PaymentRules.OutcomeScore(report.WaitingList, report.WaitingOver18Weeks, terms.OutcomeTarget)
                : 1;
            var amount = PaymentRules.Monthly(terms, report, month, costSoFar, score);
            context.Pay(trust, amount, PaymentPurpose.ContractPayment);
            _providerPaidThisYear[trust] = _providerPaidThisYear.GetValueOrDefault(trust, Money.Zero) + amount;
            switch (((TrustProfile)Economy[trust]).Type)
            {
                case TrustType.Acute: acute += amount; break;
                case TrustType.Community: community += amount; break;
                default: mentalHealth += amount; break;
            }

            var retained = PaymentRules.MarginalEmergencyRetained(terms, report, month);
            _retainedForAvoidance += retained;
            context.Add(Metric.MarginalEmergencyRetained, retained);

            if (terms.Regime == PaymentRegime.OutcomeBased && month == 12) ScoreOutcomes(context, trust, terms, score);

            // Personal budget holders spend part of their budgets on care their councils arrange.
            var forCare = PaymentRules.MonthlySlice(terms.PersonalBudgetsForCare, month);
            if (forCare > Money.Zero && councils.Count > 0)
            {
                var toCouncils = MoneySplit.ByWeights(forCare, councils.Select(c => (double)c.OlderPopulation).ToArray());
                for (var i = 0; i < councils.Count; i++) context.Pay(councils[i].Index, toCouncils[i], PaymentPurpose.PersonalBudget);
                care += forCare;
            }
        }
        foreach (var gp in Economy.GpFederationsOf(Index))
        {
            if (_contracts.TryGetValue(gp.Index, out var terms))
            {
                // GP federations are paid per head (the global sum), so any regime other than capitation is paid as a block.
                var amount = PaymentRules.MonthlySlice(terms.AnnualValue, month);
                context.Pay(gp.Index, amount, PaymentPurpose.ContractPayment);
                primary += amount;
            }
            var preventionAmount = PaymentRules.MonthlySlice(_preventionFunding.GetValueOrDefault(gp.Index, Money.Zero), month);
            context.Pay(gp.Index, preventionAmount, PaymentPurpose.PreventionFunding);
            prevention += preventionAmount;
        }
        if (month % 3 == 0) PayTransformationQuarter(context, month / 3);
        if (month == Calendar.MonthsPerYear) acute += ReleaseReserve(context);

        // Prescribing, continuing healthcare and the independent sector are paid outside the modelled organisations.
        var otherServices = PaymentRules.MonthlySlice(_otherServices, month);
        context.SpendExternally(otherServices);
        _spentThisYear += acute + community + mentalHealth + primary + prevention + otherServices + care;
        context.Add(Metric.SpendAcute, acute);
        context.Add(Metric.SpendCommunity, community);
        context.Add(Metric.SpendMentalHealth, mentalHealth);
        context.Add(Metric.SpendPrimaryCare, primary);
        context.Add(Metric.SpendPrevention, prevention);
        context.Add(Metric.SpendOtherServices, otherServices);
        context.Add(Metric.PersonalBudgetCareSpend, care);
        context.Add(Metric.Population, (long)Math.Round(_profile.Population * Economy.PopulationIndex(context.Phase.YearIndex)));
        context.Record(new ProvidersPaid(context.Phase.Index, month, acute, community, mentalHealth, primary, prevention, otherServices));
    }

    /// <summary>
    /// In the year's last month a share of the contingency reserve is released as non-recurrent support to the system's
    /// acute trusts in deficit so far, in proportion to their deficits and never more than them; the rest stays unspent.
    /// </summary>
    private Money ReleaseReserve(StepContext context)
    {
        var releasable = _reserve.Times(Parameters.Commissioning.ReserveReleaseShare);
        if (releasable <= Money.Zero) return Money.Zero;
        var inDeficit = new List<(int Trust, Money Deficit)>();
        foreach (var (trust, paid) in _providerPaidThisYear)
        {
            if (Economy[trust] is not TrustProfile { Type: TrustType.Acute }) continue;
            var deficit = _providerCostThisYear.GetValueOrDefault(trust, Money.Zero) - paid;
            if (deficit > Money.Zero) inDeficit.Add((trust, deficit));
        }
        var total = Money.Zero;
        foreach (var (_, deficit) in inDeficit) total += deficit;
        if (total <= Money.Zero) return Money.Zero;
        var released = Money.Min(releasable, total);
        var parts = MoneySplit.ByWeights(released, inDeficit.Select(d => (double)d.Deficit.Pence).ToArray());
        for (var i = 0; i < inDeficit.Count; i++)
        {
            context.Pay(inDeficit[i].Trust, parts[i], PaymentPurpose.ContractPayment);
            _providerPaidThisYear[inDeficit[i].Trust] += parts[i];
        }
        return released;
    }

    /// <summary>Year end of an outcome-based contract: the withhold not earned stays with the commissioner; too low a score fails the contract.</summary>
    private void ScoreOutcomes(StepContext context, int trust, ContractTerms terms, double score)
    {
        var withheld = terms.AnnualValue.Times(terms.WithholdShare);
        var released = withheld.Times(Math.Clamp(score, 0, 1));
        context.Add(Metric.OutcomeWithholdKept, withheld - released);
        var fails = PaymentRules.OutcomeContractFails(terms, score);
        context.Record(new OutcomeScored(context.Phase.Index, Economy[trust].Code, score, released, withheld - released, fails));
        if (!fails) return;
        _failedContracts.Add(trust);
        context.Add(Metric.ContractFailures, 1);
    }

    /// <summary>
    /// A quarter of transformation money: the unconditional part is paid; the conditional part only where the control
    /// total is met so far this year, trust by trust or for the system as one, all or nothing.
    /// </summary>
    private void PayTransformationQuarter(StepContext context, int quarter)
    {
        if (_transformationShare.Count == 0) return;
        var f = Parameters.Funder;
        var systemLevel = Parameters.Governance.ControlTotals == ControlTotalLevel.System;
        Money systemSurplus = Money.Zero, systemIncome = Money.Zero;
        foreach (var (trust, _) in _transformationShare)
        {
            var income = _providerPaidThisYear.GetValueOrDefault(trust, Money.Zero);
            systemIncome += income;
            systemSurplus += income - _providerCostThisYear.GetValueOrDefault(trust, Money.Zero);
        }
        var systemMet = ControlTotals.Met(systemSurplus, systemIncome, f.ControlTotalSurplusShare);
        Money paid = Money.Zero, withheld = Money.Zero;
        foreach (var (trust, annual) in _transformationShare)
        {
            var income = _providerPaidThisYear.GetValueOrDefault(trust, Money.Zero);
            var met = systemLevel
                ? systemMet
                : ControlTotals.Met(income - _providerCostThisYear.GetValueOrDefault(trust, Money.Zero), income, f.ControlTotalSurplusShare);
            var (pay, keep) = ControlTotals.Quarter(PaymentRules.QuarterlySlice(annual, quarter), f.TransformationConditionalShare, met);
            context.Pay(trust, pay, PaymentPurpose.TransformationFund);
            _providerPaidThisYear[trust] = income + pay;
            paid += pay;
            withheld += keep;
        }
        _transformationPaid += paid;
        context.Add(Metric.TransformationFundPaid, paid);
        context.Add(Metric.TransformationFundWithheld, withheld);
        context.Record(new TransformationFundSettled(context.Phase.Index, quarter, systemLevel ? ControlTotalLevel.System : ControlTotalLevel.Trust, paid, withheld));
    }
}
