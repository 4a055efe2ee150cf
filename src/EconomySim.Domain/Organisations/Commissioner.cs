using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>How a commissioner divides its allocation; reforms move these shares from one year to the next.</summary>
public sealed record BudgetShares(double Acute, double Community, double MentalHealth, double PrimaryCare, double Prevention, double Pooled, double OtherServices, double Reserve)
{
    public static BudgetShares From(CommissioningParameters p) =>
        new(p.AcuteShare, p.CommunityShare, p.MentalHealthShare, p.PrimaryCareShare, p.PreventionShare, p.PooledShare, p.OtherServicesShare, p.ReserveShare);

    public double[] AsWeights() => [Acute, Community, MentalHealth, PrimaryCare, Prevention, Pooled, OtherServices, Reserve];

    /// <summary>An adopted reconfiguration moves a share of acute spend, half to community and half to primary care.</summary>
    public BudgetShares ShiftFromAcute(double shareOfAcute)
    {
        var moved = Acute * shareOfAcute;
        return this with { Acute = Acute - moved, Community = Community + moved / 2, PrimaryCare = PrimaryCare + moved / 2 };
    }
}

/// <summary>A commissioner (CCG, now integrated care board): holds the allocation, contracts providers and pays them.</summary>
public sealed class Commissioner(CommissionerProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private readonly CommissionerProfile _profile = profile;
    private BudgetShares _shares = BudgetShares.From(economy.Parameters.Commissioning);
    private BudgetShares _sharesSetFrom = BudgetShares.From(economy.Parameters.Commissioning);
    private SortedDictionary<int, ContractTerms> _offers = [];
    private SortedDictionary<int, ContractTerms> _contracts = [];
    private readonly SortedDictionary<int, ContractTerms> _lastYear = [];
    private readonly SortedDictionary<int, Money> _poolOffers = [];
    private readonly SortedDictionary<int, Money> _preventionFunding = [];
    private readonly SortedDictionary<int, Money> _providerCostThisYear = [];
    private readonly SortedDictionary<int, Money> _providerPaidThisYear = [];
    private readonly SortedDictionary<int, Money> _transformationShare = [];
    private readonly SortedSet<int> _failedContracts = [];
    private readonly List<(int EffectiveYear, double Shift)> _pendingShifts = [];
    private Money _incomeThisYear;
    private Money _spentThisYear;
    private Money _otherServices;
    private Money _reserve;
    private Money _transformationHeld;
    private Money _transformationPaid;
    private Money? _lastAcuteBudget;
    private Money _retainedForAvoidance;
    private double _preventionPerHeadSoFar;
    private int? _openProposal;
    private double _openProposalShift;

    public BudgetShares Shares => _shares;
    public IReadOnlyDictionary<int, ContractTerms> Contracts => _contracts;

    protected override void Act(StepContext context, IReadOnlyList<Letter> inbox)
    {
        switch (context.Phase.Kind)
        {
            case PhaseKind.Planning: Plan(context, inbox); break;
            case PhaseKind.ContractSettlement: Settle(context, inbox); break;
            case PhaseKind.Payment: PayProviders(context, inbox); break;
            case PhaseKind.Proposals: Propose(context); break;
            case PhaseKind.Decisions: Decide(context, inbox); break;
            case PhaseKind.YearClose: CloseYear(context); break;
        }
    }

    private void Plan(StepContext context, IReadOnlyList<Letter> inbox)
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

    private void Settle(StepContext context, IReadOnlyList<Letter> inbox)
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

    private void PayProviders(StepContext context, IReadOnlyList<Letter> inbox)
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

    private void Propose(StepContext context)
    {
        _openProposal = null;
        var c = Parameters.Commissioning;
        if (c.ProposedShift <= 0 || !Random.NextBernoulli(c.ProposalProbability)) return;
        var proposalId = checked(Index * 10_000 + context.Phase.Year);
        var shift = c.ProposedShift;
        var trusts = Economy.TrustsOf(Index);
        var gps = Economy.GpFederationsOf(Index);
        // Some reconfigurations also close the emergency department of the system's smallest acute trust that has one,
        // where another remains; drawn only when the scenario allows closures, so other runs draw nothing extra.
        TrustProfile? closing = null;
        if (c.EmergencyDepartmentClosureProbability > 0 && Random.NextBernoulli(c.EmergencyDepartmentClosureProbability))
        {
            var withDepartments = trusts.Where(t => t.Type == TrustType.Acute && t.HasEmergencyDepartment).ToList();
            if (withDepartments.Count >= 2) closing = withDepartments.OrderBy(t => t.Beds).ThenBy(t => t.Index).First();
        }
        var acuteTotal = Money.Zero;
        foreach (var t in trusts)
            if (t.Type == TrustType.Acute && _contracts.TryGetValue(t.Index, out var terms))
                acuteTotal += terms.AnnualValue;
        var moved = acuteTotal.Times(shift);
        var communityTrusts = trusts.Where(t => t.Type == TrustType.Community).ToList();
        var toCommunity = communityTrusts.Count > 0 ? new Money(moved.Pence / 2) : Money.Zero;
        var toPrimary = moved - toCommunity;
        var communityGains = MoneySplit.ByWeights(toCommunity, communityTrusts.Select(t => t.ShareOfTypeBudget).ToArray());
        var primaryGains = MoneySplit.ByWeights(toPrimary, gps.Select(g => (double)g.ListSize).ToArray());

        var affected = 0;
        foreach (var t in trusts)
        {
            var change = t.Type switch
            {
                TrustType.Acute => -(_contracts.TryGetValue(t.Index, out var terms) ? terms.AnnualValue.Times(shift) : Money.Zero),
                TrustType.Community => communityGains[communityTrusts.IndexOf(t)],
                _ => Money.Zero,
            };
            if (t.Type == TrustType.MentalHealth) continue;
            context.Send(t.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, change, closing?.Index == t.Index));
            affected++;
        }
        for (var i = 0; i < gps.Count; i++)
        {
            context.Send(gps[i].Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, primaryGains[i], false));
            affected++;
        }
        foreach (var council in Economy.CouncilsOf(Index))
        {
            // Residents lose a service when an emergency department closes: the council is told, whichever trust it is.
            context.Send(council.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, Money.Zero, closing is not null));
            affected++;
        }
        _openProposal = proposalId;
        _openProposalShift = shift;
        context.Add(Metric.Proposals, 1);
        context.Record(new ProposalMade(context.Phase.Index, proposalId, shift, affected, closing?.Code));
    }

    /// <summary>The commissioner's own vote on its proposal: in favour, weighted like everyone else's.</summary>
    public static VoteCast OwnVote(int proposalId, VoteWeighting weighting, Money allocation, long population) =>
        new(proposalId, true, false, weighting == VoteWeighting.Budget ? (double)allocation.Pounds : population);

    private void Decide(StepContext context, IReadOnlyList<Letter> inbox)
    {
        if (_openProposal is not { } proposalId) return;
        var g = Parameters.Governance;
        // The proposing commissioner is an affected body too (it sits on the joint board that decides).
        var votes = Items<VoteCast>(inbox).Select(v => v.Item).Where(v => v.ProposalId == proposalId)
            .Append(OwnVote(proposalId, g.Weighting, _incomeThisYear, _profile.Population)).ToList();
        var outcome = DecisionRules.Decide(g.DecisionRule, g.QualifiedMajority, votes);
        var years = outcome.YearsToTakeEffect(g.ScrutinyDelayYears);
        if (outcome.Adopted) _pendingShifts.Add((context.Phase.Year + years, _openProposalShift));
        context.Add(Metric.VotesInFavour, votes.Count(v => v.InFavour));
        context.Add(Metric.VotesAgainst, votes.Count(v => !v.InFavour));
        context.Add(Metric.Vetoes, outcome.Vetoes);
        context.Add(Metric.ScrutinyReferrals, outcome.ScrutinyReferrals);
        context.Add(Metric.ReformsAdopted, outcome.Adopted ? 1 : 0);
        context.Add(Metric.AdoptionDelayYears, outcome.Adopted ? years : 0);
        context.Add(Metric.NationalOverrides, outcome.Adopted && outcome.Overridden ? 1 : 0);
        context.Record(new ProposalDecided(context.Phase.Index, proposalId, g.DecisionRule, outcome.Adopted, outcome.WeightInFavour, outcome.WeightAgainst, outcome.Vetoes,
            outcome.Overridden, outcome.ScrutinyReferrals, outcome.Adopted ? context.Phase.Year + years : null));
        _openProposal = null;
    }

    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _spentThisYear;
        // Transformation money not earned goes back to the national funder.
        var unearned = _transformationHeld - _transformationPaid;
        context.Pay(Economy.Funder.Index, unearned, PaymentPurpose.TransformationFund);
        _transformationHeld = _transformationPaid = Money.Zero;
        context.Send(Economy.Funder.Index, new YearEndReport(context.Phase.Year, surplus, _incomeThisYear));
        context.Add(Metric.CommissionerSurplus, surplus);
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _spentThisYear, surplus, Cash + context.Received - unearned));
    }
}
