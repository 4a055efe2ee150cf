using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>Contracting: offers to trusts, GP federations and councils, and the settlement of their replies.</summary>
public sealed partial class Commissioner
{
    private void OfferToTrusts(StepContext context, TrustType type, Money budget, int year)
    {
        var trusts = Economy.TrustsOf(Index).Where(t => t.Type == type).ToList();
        if (trusts.Count == 0) return;
        var contracts = Parameters.Contracts;
        var regime = contracts.ForTrustType(type);
        // A capitated budget is population times need times a unit cost: the budget split by need-weighted population.
        var weights = regime == PaymentRegime.Capitation
            ? trusts.Select(t => Economy.WeightedPopulationServed(t.Index)).ToArray()
            : trusts.Select(t => t.ShareOfTypeBudget).ToArray();
        var values = MoneySplit.ByWeights(budget, weights);
        var priceFactor = PriceFactor(year);
        var horizon = Math.Max(1, Parameters.Governance.SettlementHorizonYears);
        var hasCouncils = Economy.CouncilsOf(Index).Count > 0;
        for (var i = 0; i < trusts.Count; i++)
        {
            var trust = trusts[i];
            // A failed outcome-based contract is re-let to the same provider as a block.
            var lineRegime = _failedContracts.Contains(trust.Index) ? PaymentRegime.Block : regime;
            var value = values[i];
            if (lineRegime == PaymentRegime.Block && year % horizon != 0 && _lastYear.TryGetValue(trust.Index, out var last) && last.Regime == PaymentRegime.Block)
                value = PaymentRules.BlockRolledForward(last.AnnualValue, Parameters.Funder.TariffUplift, Parameters.Funder.EfficiencyFactor, contracts.BlockNegotiatedGrowth);
            var forCare = Money.Zero;
            if (lineRegime == PaymentRegime.PersonalBudgets && hasCouncils)
                (value, forCare) = PaymentRules.PersonalBudgetSpend(value, contracts.PersonalBudgetSocialCareShare);
            var plan = type == TrustType.Acute ? PlannedActivity(trust, year) : (Elective: 0, Emergency: 0, AandE: 0);
            var mff = (decimal)trust.MarketForcesFactor;
            var terms = new ContractTerms(
                context.Phase.Year, lineRegime, value, Money.Zero,
                contracts.ElectivePrice.Times(priceFactor * mff), contracts.EmergencyPrice.Times(priceFactor * mff), contracts.AandEPrice.Times(priceFactor * mff),
                plan.Elective, plan.Emergency, plan.AandE,
                contracts.BlendedVariableRate, contracts.CapitationDeadBand, contracts.CapitationSharedFraction,
                contracts.ElectiveVariableRate, contracts.MarginalEmergencyRate, contracts.CapitationCorridorCap, contracts.CapitationStopLoss,
                contracts.OutcomeWithholdShare, contracts.OutcomeTargetWithin18Weeks, contracts.OutcomeFailureScore, forCare);
            terms = terms with { OtherServicesValue = Money.Max(Money.Zero, value - terms.PlannedTariffValue) };
            _offers[trust.Index] = terms;
            context.Send(trust.Index, new ContractOffer(terms));
            context.Record(new ContractOffered(context.Phase.Index, trust.Code, terms));
        }
    }

    /// <summary>The commissioner's plan for an acute trust: the demand its GP federations are expected to send it.</summary>
    private (int Elective, int Emergency, int AandE) PlannedActivity(TrustProfile trust, int year)
    {
        var pc = Parameters.PrimaryCare;
        double elective = 0, emergency = 0, aandE = 0;
        foreach (var gp in Economy.GpFederationsReferringTo(trust.Index))
        {
            var people = gp.ListSize * gp.NeedIndex * EconomyIndex.ReferralWeight(gp, trust.Index);
            elective += people * pc.ReferralsPerHead;
            emergency += people * pc.EmergencyAdmissionsPerHead;
            aandE += people * pc.AandEAttendancesPerHead;
        }
        return ((int)Math.Round(elective * Economy.DemandIndex(DemandKind.Referrals, year)),
            (int)Math.Round(emergency * Economy.DemandIndex(DemandKind.EmergencyAdmissions, year)),
            (int)Math.Round(aandE * Economy.DemandIndex(DemandKind.AandEAttendances, year)));
    }

    private void OfferToGpFederations(StepContext context, Money primary, Money prevention, int year)
    {
        var gps = Economy.GpFederationsOf(Index);
        if (gps.Count == 0) return;
        var needWeights = gps.Select(g => g.ListSize * g.NeedIndex).ToArray();
        var values = MoneySplit.ByWeights(primary, needWeights);
        var preventionShares = MoneySplit.ByWeights(prevention, gps.Select(g => (double)g.ListSize).ToArray());
        var list = gps.Sum(g => (double)g.ListSize);
        if (list > 0) _preventionPerHeadSoFar += (double)prevention.Pounds / list;
        var contracts = Parameters.Contracts;
        for (var i = 0; i < gps.Count; i++)
        {
            var terms = new ContractTerms(context.Phase.Year, contracts.PrimaryCare, values[i], values[i],
                Money.Zero, Money.Zero, Money.Zero, 0, 0, 0, 0, contracts.CapitationDeadBand, contracts.CapitationSharedFraction);
            _offers[gps[i].Index] = terms;
            _preventionFunding[gps[i].Index] = preventionShares[i];
            context.Send(gps[i].Index, new ContractOffer(terms));
            context.Record(new ContractOffered(context.Phase.Index, gps[i].Code, terms));
        }
    }

    private void ProposePools(StepContext context, IReadOnlyList<CouncilProfile> councils, Money pooled)
    {
        _poolOffers.Clear();
        if (councils.Count == 0) return;
        var shares = MoneySplit.ByWeights(pooled, councils.Select(c => (double)c.OlderPopulation).ToArray());
        var mandatory = Parameters.Governance.Allocation == AllocationRegime.DevolvedPooled;
        for (var i = 0; i < councils.Count; i++)
        {
            _poolOffers[councils[i].Index] = shares[i];
            context.Send(councils[i].Index, new PoolProposal(context.Phase.Year, shares[i], Parameters.Commissioning.PooledShare, mandatory));
        }
    }

    private void Settle(StepContext context, Inbox inbox)
    {
        var rules = Parameters.Contracts;
        var replies = Items<ContractReply>(inbox).ToDictionary(r => r.Sender, r => r.Item);
        _contracts = [];
        foreach (var (provider, offer) in _offers)
        {
            var reply = replies.GetValueOrDefault(provider) ?? new ContractReply(offer.Year, ContractReplyKind.Accept, offer.AnnualValue);
            Money? rolledOver = _lastYear.TryGetValue(provider, out var last)
                ? last.AnnualValue.Times(1m + Parameters.Funder.TariffUplift - Parameters.Funder.EfficiencyFactor)
                : null;
            var value = Negotiation.Settle(offer.AnnualValue, reply, rolledOver, rules);
            var agreed = Negotiation.AtValue(offer, value);
            _contracts[provider] = agreed;
            _lastYear[provider] = agreed;
            context.Send(provider, new ContractAgreed(agreed, reply.Kind));
            context.Record(new ContractSettled(context.Phase.Index, Economy[provider].Code, reply.Kind, agreed));
            context.Add(reply.Kind switch
            {
                ContractReplyKind.Accept => Metric.ContractsAccepted,
                ContractReplyKind.Counter => Metric.ContractsCountered,
                _ => Metric.ContractsRefused,
            }, 1);
        }

        // Transformation money is shared among the system's trusts in proportion to their contracts.
        _transformationShare.Clear();
        var trustLines = _contracts.Where(kv => Economy[kv.Key] is TrustProfile).ToList();
        var split = MoneySplit.ByWeights(_transformationHeld, trustLines.Select(kv => (double)kv.Value.AnnualValue.Pence).ToArray());
        for (var i = 0; i < trustLines.Count; i++) _transformationShare[trustLines[i].Key] = split[i];

        var poolReplies = Items<PoolReply>(inbox).ToDictionary(r => r.Sender, r => r.Item);
        foreach (var (council, contribution) in _poolOffers)
        {
            var agreed = poolReplies.TryGetValue(council, out var answer) && answer.Accepted;
            if (agreed)
            {
                context.Pay(council, contribution, PaymentPurpose.PooledBudget);
                _spentThisYear += contribution;
                context.Add(Metric.PooledTransfers, contribution);
                context.Add(Metric.PoolsAgreed, 1);
            }
            context.Record(new PoolSettled(context.Phase.Index, Economy[council].Code, agreed, agreed ? contribution : Money.Zero));
        }
    }
}
