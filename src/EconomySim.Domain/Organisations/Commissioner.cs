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
    private SortedDictionary<int, ContractTerms> _offers = [];
    private SortedDictionary<int, ContractTerms> _contracts = [];
    private readonly SortedDictionary<int, ContractTerms> _lastYear = [];
    private readonly SortedDictionary<int, Money> _poolOffers = [];
    private readonly SortedDictionary<int, Money> _preventionFunding = [];
    private readonly SortedDictionary<int, Money> _providerCostThisYear = [];
    private Money _incomeThisYear;
    private Money _spentThisYear;
    private Money _otherServices;
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
        var allocation = Paid(inbox, PaymentPurpose.Allocation);
        var pumpPrime = Paid(inbox, PaymentPurpose.PumpPrime);
        _incomeThisYear = allocation + pumpPrime;
        _spentThisYear = Money.Zero;
        _providerCostThisYear.Clear();

        var parts = MoneySplit.ByWeights(allocation, _shares.AsWeights());
        Money acute = parts[0], community = parts[1], mentalHealth = parts[2], primary = parts[3], prevention = parts[4] + pumpPrime, pooled = parts[5], reserve = parts[7];
        _otherServices = parts[6];
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
        ProposePools(context, councils, pooled, year);
    }

    private void OfferToTrusts(StepContext context, TrustType type, Money budget, int year)
    {
        var trusts = Economy.TrustsOf(Index).Where(t => t.Type == type).ToList();
        if (trusts.Count == 0) return;
        var values = MoneySplit.ByWeights(budget, trusts.Select(t => t.ShareOfTypeBudget).ToArray());
        var contracts = Parameters.Contracts;
        var priceFactor = PriceFactor(year);
        for (var i = 0; i < trusts.Count; i++)
        {
            var trust = trusts[i];
            var plan = type == TrustType.Acute ? PlannedActivity(trust) : (Elective: 0, Emergency: 0, AandE: 0);
            var mff = (decimal)trust.MarketForcesFactor;
            var terms = new ContractTerms(
                context.Phase.Year, contracts.ForTrustType(type), values[i], Money.Zero,
                contracts.ElectivePrice.Times(priceFactor * mff), contracts.EmergencyPrice.Times(priceFactor * mff), contracts.AandEPrice.Times(priceFactor * mff),
                plan.Elective, plan.Emergency, plan.AandE,
                contracts.BlendedVariableRate, contracts.CapitationDeadBand, contracts.CapitationSharedFraction);
            terms = terms with { OtherServicesValue = Money.Max(Money.Zero, values[i] - terms.PlannedTariffValue) };
            _offers[trust.Index] = terms;
            context.Send(trust.Index, new ContractOffer(terms));
            context.Record(new ContractOffered(context.Phase.Index, trust.Code, terms));
        }
    }

    /// <summary>The commissioner's plan for an acute trust: the demand its GP federations are expected to send it.</summary>
    private (int Elective, int Emergency, int AandE) PlannedActivity(TrustProfile trust)
    {
        var pc = Parameters.PrimaryCare;
        double elective = 0, emergency = 0, aandE = 0;
        foreach (var gp in Economy.GpFederationsReferringTo(trust.Index))
        {
            var people = gp.ListSize * gp.NeedIndex * EconomyIndex.ReferralWeight(gp, trust.Index);
            elective += people * Math.Min(pc.AppointmentsPerHead, pc.CapacityPerHead) * pc.ReferralsPerAppointment;
            emergency += people * pc.EmergencyAdmissionsPerHead;
            aandE += people * pc.AandEAttendancesPerHead;
        }
        return ((int)Math.Round(elective), (int)Math.Round(emergency), (int)Math.Round(aandE));
    }

    private void OfferToGpFederations(StepContext context, Money primary, Money prevention, int year)
    {
        var gps = Economy.GpFederationsOf(Index);
        if (gps.Count == 0) return;
        var needWeights = gps.Select(g => g.ListSize * g.NeedIndex).ToArray();
        var values = MoneySplit.ByWeights(primary, needWeights);
        var preventionShares = MoneySplit.ByWeights(prevention, gps.Select(g => (double)g.ListSize).ToArray());
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

    private void ProposePools(StepContext context, IReadOnlyList<CouncilProfile> councils, Money pooled, int year)
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
        Money acute = Money.Zero, community = Money.Zero, mentalHealth = Money.Zero, primary = Money.Zero, prevention = Money.Zero;
        foreach (var (trust, report) in Items<ActivityReport>(inbox))
        {
            if (!_contracts.TryGetValue(trust, out var terms)) continue;
            var costSoFar = _providerCostThisYear.GetValueOrDefault(trust, Money.Zero) + report.Cost;
            _providerCostThisYear[trust] = costSoFar;
            var amount = PaymentRules.Monthly(terms, report, month, costSoFar);
            context.Pay(trust, amount, PaymentPurpose.ContractPayment);
            switch (((TrustProfile)Economy[trust]).Type)
            {
                case TrustType.Acute: acute += amount; break;
                case TrustType.Community: community += amount; break;
                default: mentalHealth += amount; break;
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
        // Prescribing, continuing healthcare and the independent sector are paid outside the modelled organisations.
        var otherServices = PaymentRules.MonthlySlice(_otherServices, month);
        context.SpendExternally(otherServices);
        _spentThisYear += acute + community + mentalHealth + primary + prevention + otherServices;
        context.Add(Metric.SpendAcute, acute);
        context.Add(Metric.SpendCommunity, community);
        context.Add(Metric.SpendMentalHealth, mentalHealth);
        context.Add(Metric.SpendPrimaryCare, primary);
        context.Add(Metric.SpendPrevention, prevention);
        context.Add(Metric.SpendOtherServices, otherServices);
        context.Record(new ProvidersPaid(context.Phase.Index, month, acute, community, mentalHealth, primary, prevention, otherServices));
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
            context.Send(t.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, change, false));
            affected++;
        }
        for (var i = 0; i < gps.Count; i++)
        {
            context.Send(gps[i].Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, primaryGains[i], false));
            affected++;
        }
        foreach (var council in Economy.CouncilsOf(Index))
        {
            context.Send(council.Index, new ReconfigurationProposal(proposalId, context.Phase.Year, shift, Money.Zero, false));
            affected++;
        }
        _openProposal = proposalId;
        _openProposalShift = shift;
        context.Add(Metric.Proposals, 1);
        context.Record(new ProposalMade(context.Phase.Index, proposalId, shift, affected, null));
    }

    private void Decide(StepContext context, IReadOnlyList<Letter> inbox)
    {
        if (_openProposal is not { } proposalId) return;
        var votes = Items<VoteCast>(inbox).Select(v => v.Item).Where(v => v.ProposalId == proposalId).ToList();
        var g = Parameters.Governance;
        var outcome = DecisionRules.Decide(g.DecisionRule, g.QualifiedMajority, votes);
        if (outcome.Adopted) _shares = _shares.ShiftFromAcute(_openProposalShift);
        context.Add(Metric.VotesInFavour, votes.Count(v => v.InFavour));
        context.Add(Metric.VotesAgainst, votes.Count(v => !v.InFavour));
        context.Add(Metric.Vetoes, outcome.Vetoes);
        context.Add(Metric.ReformsAdopted, outcome.Adopted ? 1 : 0);
        context.Record(new ProposalDecided(context.Phase.Index, proposalId, g.DecisionRule, outcome.Adopted, outcome.WeightInFavour, outcome.WeightAgainst, outcome.Vetoes));
        _openProposal = null;
    }

    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _spentThisYear;
        context.Send(Economy.Funder.Index, new YearEndReport(context.Phase.Year, surplus, _incomeThisYear));
        context.Add(Metric.CommissionerSurplus, surplus);
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _spentThisYear, surplus, Cash + context.Received));
    }
}
