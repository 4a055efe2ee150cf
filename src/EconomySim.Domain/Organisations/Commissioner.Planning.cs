using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>The year's plan: the allocation divided by shares, flat-cash acute budgets and prevention as an investment.</summary>
public sealed partial class Commissioner
{
    private void Plan(StepContext context, Inbox inbox)
    {
        var year = context.Phase.YearIndex;
        // A policy change that sets new commissioning shares replaces the shares from its year; reforms adopted since
        // keep moving whatever shares are in force.
        var shares = BudgetShares.From(Parameters.Commissioning);
        if (shares != _sharesSetFrom) (_shares, _sharesSetFrom) = (shares, shares);
        for (var i = _pendingShifts.Count - 1; i >= 0; i--)
        {
            if (_pendingShifts[i].EffectiveYear > context.Phase.Year) continue;
            _shares = _shares.ShiftFromAcute(_pendingShifts[i].Shift);
            _pendingShifts.RemoveAt(i);
        }

        var allocation = Paid(inbox, PaymentPurpose.Allocation);
        var pumpPrime = Paid(inbox, PaymentPurpose.PumpPrime);
        // Transformation money is ring-fenced for trusts: it passes through and is not the commissioner's income.
        _transformationHeld = Paid(inbox, PaymentPurpose.TransformationFund);
        _transformationPaid = Money.Zero;
        var payFunding = Paid(inbox, PaymentPurpose.PayAwardFunding);
        var providerFunding = Paid(inbox, PaymentPurpose.ProviderFunding);
        _incomeThisYear = allocation + pumpPrime + payFunding + providerFunding;
        _spentThisYear = Money.Zero;
        _providerCostThisYear.Clear();
        _providerPaidThisYear.Clear();

        var parts = MoneySplit.ByWeights(allocation, _shares.AsWeights());
        Money acute = parts[0], community = parts[1], mentalHealth = parts[2], primary = parts[3], pooled = parts[5], reserve = parts[7];
        // Money added for pay goes to every contract whose staff the award covers; money for providers' costs to trusts.
        var forPay = MoneySplit.ByWeights(payFunding, [(double)acute.Pence, (double)community.Pence, (double)mentalHealth.Pence, (double)primary.Pence]);
        var forProviders = MoneySplit.ByWeights(providerFunding, [(double)acute.Pence, (double)community.Pence, (double)mentalHealth.Pence]);
        acute += forPay[0] + forProviders[0];
        community += forPay[1] + forProviders[1];
        mentalHealth += forPay[2] + forProviders[2];
        primary += forPay[3];
        var prevention = parts[4] + pumpPrime + _retainedForAvoidance;
        _retainedForAvoidance = Money.Zero;
        _otherServices = parts[6];

        var c = Parameters.Commissioning;
        if (c.AcuteGrowth == AcuteGrowthPolicy.FlatCash && _lastAcuteBudget is { } lastAcute)
        {
            var (held, released) = BudgetPolicy.FlatCashAcute(acute, lastAcute, Parameters.Funder.TariffUplift);
            var (toPrimary, toCommunity, toPrevention) = BudgetPolicy.SplitGrowth(released, c.GrowthToPrimaryCare, c.GrowthToCommunity, c.GrowthToPrevention);
            acute = held;
            primary += toPrimary;
            community += toCommunity;
            prevention += toPrevention;
        }
        _lastAcuteBudget = acute;

        var invested = DecidePrevention(context, acute, reserve);
        reserve -= invested;
        _reserve = reserve;
        prevention += invested;

        var trusts = Economy.TrustsOf(Index);
        // Services with no provider of their own type in this system are bought from its acute trusts.
        if (!trusts.Any(t => t.Type == TrustType.Community)) { acute += community; community = Money.Zero; }
        if (!trusts.Any(t => t.Type == TrustType.MentalHealth)) { acute += mentalHealth; mentalHealth = Money.Zero; }
        var councils = Economy.CouncilsOf(Index);
        if (councils.Count == 0) { reserve += pooled; pooled = Money.Zero; }
        context.Record(new BudgetPlanned(context.Phase.Index, context.Phase.Year, allocation + pumpPrime, acute, community, mentalHealth, primary, prevention, pooled, _otherServices, reserve));

        _offers = [];
        OfferToTrusts(context, TrustType.Acute, acute, year);
        OfferToTrusts(context, TrustType.Community, community, year);
        OfferToTrusts(context, TrustType.MentalHealth, mentalHealth, year);
        OfferToGpFederations(context, primary, prevention, year);
        ProposePools(context, councils, pooled);
    }

    /// <summary>
    /// Prevention as an investment: the commissioner moves part of its acute spend, at most its reserve, into prevention
    /// when the savings it keeps under the acute payment regime, after the lag and within the settlement horizon,
    /// discounted, beat the cost.
    /// </summary>
    private Money DecidePrevention(StepContext context, Money acuteBudget, Money reserve)
    {
        var c = Parameters.Commissioning;
        if (c.PreventionInvestmentShare <= 0) return Money.Zero;
        var pc = Parameters.PrimaryCare;
        var contracts = Parameters.Contracts;
        var cost = Money.Min(acuteBudget.Times(c.PreventionInvestmentShare), reserve);
        var gps = Economy.GpFederationsOf(Index);
        var list = gps.Sum(g => (double)g.ListSize);
        if (cost <= Money.Zero || list <= 0) return Money.Zero;
        var weighted = gps.Sum(g => g.ListSize * g.NeedIndex);
        var extraPerHead = (double)cost.Pounds / list;
        var avoided = Prevention.AvoidedAdmissionsPerYear(weighted, pc.EmergencyAdmissionsPerHead, pc.AvoidableShare,
            _preventionPerHeadSoFar, extraPerHead, pc.PreventionMaxEffect, pc.PreventionPoundsPerHeadForHalfEffect);
        var kept = PaymentRules.CommissionerSavingPerAvoidedAdmission(contracts.Acute,
            contracts.EmergencyPrice.Times(PriceFactor(context.Phase.YearIndex)), contracts.MarginalEmergencyRate, contracts.BlendedVariableRate);
        if (!Prevention.Pays(cost, avoided, kept, pc.PreventionLagYears, Parameters.Governance.SettlementHorizonYears, c.DiscountRate))
            return Money.Zero;
        context.Add(Metric.PreventionInvestment, cost);
        context.Record(new PreventionInvested(context.Phase.Index, context.Phase.Year, cost, avoided, kept));
        return cost;
    }
}
