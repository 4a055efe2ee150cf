using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>An NHS trust (acute, community or mental health): beds, costs, a waiting list and cash.</summary>
public sealed class Trust(TrustProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private const double DaysPerMonth = 365.0 / 12;
    private readonly TrustProfile _profile = profile;
    private ContractTerms? _contract;
    private Money _fixedMonthlyCost;
    private bool _costsKnown;
    private int[]? _waiting;
    private Money _incomeThisYear;
    private Money _costThisYear;
    private Money _preventionThisYear;
    private double _preventionPerHeadSoFar;

    public ContractTerms? Contract => _contract;
    public IReadOnlyList<int>? Waiting => _waiting;
    public Money FixedMonthlyCost => _fixedMonthlyCost;

    protected override void Act(StepContext context, IReadOnlyList<Letter> inbox)
    {
        _incomeThisYear += Paid(inbox, PaymentPurpose.ContractPayment) + Paid(inbox, PaymentPurpose.TransformationFund);
        foreach (var (_, agreed) in Items<ContractAgreed>(inbox)) _contract = agreed.Terms;
        switch (context.Phase.Kind)
        {
            case PhaseKind.ContractReplies: AnswerOffer(context, inbox); break;
            case PhaseKind.HospitalActivity: DeliverMonth(context, inbox); break;
            case PhaseKind.Votes: Vote(context, inbox); break;
            case PhaseKind.YearClose: CloseYear(context); break;
        }
    }

    /// <summary>The effort a trust puts into cutting cost: weaker when it expects deficits to be covered afterwards.</summary>
    public static double CostCuttingEffort(TrustParameters p, BailoutRegime regime) =>
        p.EfficiencyEffort * (regime == BailoutRegime.HardBudget ? 1 : 1 - p.SoftBudgetEffortLoss);

    public static Money PlannedVariableCost(ContractTerms terms, TrustParameters p) =>
        terms.ElectivePrice.Times(p.ElectiveMarginalCostShare * terms.PlannedElective)
        + terms.EmergencyPrice.Times(p.EmergencyMarginalCostShare * terms.PlannedEmergency)
        + terms.AandEPrice.Times(p.EmergencyMarginalCostShare * terms.PlannedAandE);

    private void AnswerOffer(StepContext context, IReadOnlyList<Letter> inbox)
    {
        var p = Parameters.Trusts;
        foreach (var (commissioner, offer) in Items<ContractOffer>(inbox))
        {
            var terms = offer.Terms;
            var variable = PlannedVariableCost(terms, p);
            if (!_costsKnown)
            {
                // A trust starts the run breaking even on its first plan: what the plan does not vary with is fixed cost.
                _fixedMonthlyCost = new Money(Math.Max(terms.AnnualValue.Pence / 10, (terms.AnnualValue - variable).Pence) / 12);
                _costsKnown = true;
            }
            else
            {
                var effort = CostCuttingEffort(p, Parameters.Governance.Bailout);
                _fixedMonthlyCost = _fixedMonthlyCost.Times((1m + Parameters.Funder.TariffUplift) * (decimal)(1 - effort));
            }
            var expectedCost = new Money(_fixedMonthlyCost.Pence * 12) + variable;
            var reply = Negotiation.Answer(terms.Year, terms.AnnualValue, expectedCost, Parameters.Contracts);
            context.Send(commissioner, reply);
            context.Record(new ContractAnswered(context.Phase.Index, Economy[commissioner].Code, reply.Kind, terms.AnnualValue, reply.AskedValue, expectedCost));
            _preventionThisYear = DecidePrevention(context, terms);
        }
    }

    /// <summary>
    /// Under capitation the budget-holding provider keeps what an avoided admission would have cost it, so it buys
    /// prevention from the GP federations that refer to it when that saving, after the lag and within the settlement
    /// horizon, discounted, beats the cost. Paid per payment regime of DOMAIN.md: never under other regimes, where an
    /// avoided admission is income lost or money the provider never sees.
    /// </summary>
    private Money DecidePrevention(StepContext context, ContractTerms terms)
    {
        var c = Parameters.Commissioning;
        if (terms.Regime != PaymentRegime.Capitation || _profile.Type != TrustType.Acute || c.PreventionInvestmentShare <= 0) return Money.Zero;
        var pc = Parameters.PrimaryCare;
        var cost = terms.AnnualValue.Times(c.PreventionInvestmentShare);
        var served = Economy.PopulationServed(Index);
        if (cost <= Money.Zero || served <= 0) return Money.Zero;
        var extraPerHead = (double)cost.Pounds / served;
        var avoided = Prevention.AvoidedAdmissionsPerYear(Economy.WeightedPopulationServed(Index), pc.EmergencyAdmissionsPerHead, pc.AvoidableShare,
            _preventionPerHeadSoFar, extraPerHead, pc.PreventionMaxEffect, pc.PreventionPoundsPerHeadForHalfEffect);
        var kept = terms.EmergencyPrice.Times(Parameters.Trusts.EmergencyMarginalCostShare);
        if (!Prevention.Pays(cost, avoided, kept, pc.PreventionLagYears, Parameters.Governance.SettlementHorizonYears, c.DiscountRate))
            return Money.Zero;
        _preventionPerHeadSoFar += extraPerHead;
        context.Record(new PreventionInvested(context.Phase.Index, terms.Year, cost, avoided, kept));
        return cost;
    }

    /// <summary>The month's prevention payments, to the GP federations that refer here, by the people they refer.</summary>
    private Money PayPrevention(StepContext context, int month)
    {
        var amount = PaymentRules.MonthlySlice(_preventionThisYear, month);
        if (amount <= Money.Zero) return Money.Zero;
        var gps = Economy.GpFederationsReferringTo(Index);
        if (gps.Count == 0) return Money.Zero;
        var parts = MoneySplit.ByWeights(amount, gps.Select(g => g.ListSize * EconomyIndex.ReferralWeight(g, Index)).ToArray());
        for (var i = 0; i < gps.Count; i++) context.Pay(gps[i].Index, parts[i], PaymentPurpose.PreventionFunding);
        context.Add(Metric.PreventionInvestment, amount);
        return amount;
    }

    private void DeliverMonth(StepContext context, IReadOnlyList<Letter> inbox)
    {
        var p = Parameters.Trusts;
        var month = context.Phase.Month;
        int referrals = 0, emergency = 0, avoidable = 0, aandE = 0;
        foreach (var (_, flow) in Items<PatientFlow>(inbox))
        {
            referrals += flow.ElectiveReferrals;
            emergency += flow.EmergencyAdmissions;
            avoidable += flow.AvoidableAdmissions;
            aandE += flow.AandEAttendances;
        }
        double supplyWeighted = 0, supplyWeight = 0;
        foreach (var (_, capacity) in Items<DischargeCapacity>(inbox))
        {
            supplyWeighted += capacity.SupplyRatio * capacity.Weight;
            supplyWeight += capacity.Weight;
        }
        var supplyRatio = supplyWeight > 0 ? supplyWeighted / supplyWeight : 1.0;

        var cost = _fixedMonthlyCost;
        int treated = 0, delayed = 0, available = 0, used = 0, waitingTotal = 0, over18 = 0;
        if (_profile.Type == TrustType.Acute && _contract is { } terms)
        {
            _waiting ??= WaitingList.Initial((int)(Economy.PopulationServed(Index) * p.InitialWaitingListPerHead));
            var bedDays = _profile.Beds * DaysPerMonth;
            var availableBedDays = bedDays * p.OccupancyTarget;
            var delayedBedDays = CausalChannels.DelayedDischargeBedDays(bedDays, p.DelayedDischargeShareOfBeds, p.SocialCareShareOfDelays, supplyRatio, p.CareSupplyElasticity);
            var emergencyBedDays = emergency * p.EmergencyLengthOfStay;
            var bedDaysPerElective = p.ElectiveBedDaysPerPathway;
            // Electives are limited by staff and theatres, and by the beds left after emergencies and delayed discharges.
            var staffCapacity = _profile.Beds * p.ElectivePathwaysPerBedPerYear / 12;
            var bedCapacity = bedDaysPerElective > 0 ? Math.Max(0, availableBedDays - delayedBedDays - emergencyBedDays) / bedDaysPerElective : staffCapacity;
            var capacity = (int)Math.Min(staffCapacity, bedCapacity);
            var wanted = ElectivesWanted(terms, p, month, capacity);
            var (list, done, _) = WaitingList.Advance(_waiting, referrals, wanted, p.WaitingDropOutRate);
            _waiting = list;
            treated = done;
            delayed = (int)Math.Round(delayedBedDays);
            available = (int)Math.Round(availableBedDays);
            used = (int)Math.Round(emergencyBedDays + delayedBedDays + treated * bedDaysPerElective);
            waitingTotal = WaitingList.Total(list);
            over18 = WaitingList.Over18Weeks(list);
            cost += terms.ElectivePrice.Times(p.ElectiveMarginalCostShare * treated)
                    + terms.EmergencyPrice.Times(p.EmergencyMarginalCostShare * emergency)
                    + terms.AandEPrice.Times(p.EmergencyMarginalCostShare * aandE);
            // Productivity: activity at the scenario's first-year national prices against cost deflated to those prices.
            var contracts = Economy.Parameters.Contracts;
            context.Add(Metric.CostWeightedActivity, new Money(checked(contracts.ElectivePrice.Pence * treated + contracts.EmergencyPrice.Pence * emergency + contracts.AandEPrice.Pence * aandE)));
            context.Add(Metric.TrustCostAtBasePrices, cost.Times(1m / Economy.CostIndex(context.Phase.YearIndex)));
        }
        context.SpendExternally(cost);
        var prevention = PayPrevention(context, month);
        _costThisYear += cost + prevention;
        // The report carries the cost of care only: prevention is the provider's own investment, outside any risk share.
        context.Send(_profile.Commissioner, new ActivityReport(month, treated, emergency, aandE, cost, waitingTotal, over18));

        context.Add(Metric.TrustCost, cost);
        context.Add(Metric.ElectiveReferrals, referrals);
        context.Add(Metric.ElectiveTreated, treated);
        context.Add(Metric.EmergencyAdmissions, emergency);
        context.Add(Metric.AvoidableAdmissions, avoidable);
        context.Add(Metric.AandEAttendances, aandE);
        context.Add(Metric.DelayedDischargeBedDays, delayed);
        context.Add(Metric.BedDaysAvailable, available);
        context.Add(Metric.BedDaysUsed, used);
        context.Add(Metric.WaitingList, waitingTotal);
        context.Add(Metric.WaitingOver18Weeks, over18);
        context.Add(Metric.QalysMilli, CausalChannels.QalysMilli(cost, Parameters.Health.NhsCarePoundsPerQaly));
        context.Record(new HospitalActivityDelivered(context.Phase.Index, referrals, treated, emergency, aandE, delayed, available, used, waitingTotal, over18, cost));
    }

    /// <summary>
    /// How many electives a trust wants to do this month. Paid per case at more than marginal cost, it fills its capacity;
    /// otherwise it does its plan plus what its altruism adds towards capacity, and lets the waiting list absorb the rest.
    /// </summary>
    public static int ElectivesWanted(ContractTerms terms, TrustParameters p, int month, int capacity)
    {
        var marginalPayment = PaymentRules.MarginalElectivePayment(terms);
        var marginalCost = terms.ElectivePrice.Times(p.ElectiveMarginalCostShare);
        if (marginalPayment >= marginalCost && marginalPayment > Money.Zero) return capacity;
        var planned = Math.Min(capacity, PaymentRules.MonthlyCount(terms.PlannedElective, month));
        return planned + (int)Math.Round(p.AltruismWeight * (capacity - planned));
    }

    private void Vote(StepContext context, IReadOnlyList<Letter> inbox)
    {
        var turnover = _contract?.AnnualValue ?? Money.Zero;
        foreach (var (proposer, proposal) in Items<ReconfigurationProposal>(inbox))
        {
            var cut = -proposal.IncomeChange;
            var veto = proposal.ClosesEmergencyDepartment
                       || (cut > Money.Zero && cut > turnover.Times(Parameters.Trusts.VetoIncomeThreshold));
            var inFavour = !veto && proposal.IncomeChange >= Money.Zero;
            var weight = Parameters.Governance.Weighting == VoteWeighting.Budget ? (double)turnover.Pounds : Economy.PopulationServed(Index);
            context.Send(proposer, new VoteCast(proposal.ProposalId, inFavour, veto, weight));
            context.Record(new VoteRecorded(context.Phase.Index, proposal.ProposalId, inFavour, veto, weight));
        }
    }

    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _costThisYear;
        context.Send(Economy.Funder.Index, new YearEndReport(context.Phase.Year, surplus, _incomeThisYear));
        context.Add(Metric.TrustIncome, _incomeThisYear);
        context.Add(Metric.TrustSurplus, surplus);
        context.Add(Metric.TrustsInDeficit, surplus < Money.Zero ? 1 : 0);
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _costThisYear, surplus, Cash + context.Received));
        _incomeThisYear = Money.Zero;
        _costThisYear = Money.Zero;
        _preventionThisYear = Money.Zero;
    }
}
