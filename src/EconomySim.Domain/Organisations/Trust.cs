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
    private double _unitCostIndex = 1.0;
    private double _lastDeficitShare;

    public ContractTerms? Contract => _contract;
    public IReadOnlyList<int>? Waiting => _waiting;
    public Money FixedMonthlyCost => _fixedMonthlyCost;

    protected override void Act(StepContext context, Inbox inbox)
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

    /// <summary>
    /// The effort a trust puts into cutting cost. A soft budget weakens it by degree: by how likely a deficit is to be
    /// covered afterwards and in full (Kornai's soft budget constraint). A trust that ended last year in deficit adds a
    /// recovery effort in proportion to the size of that deficit.
    /// </summary>
    public static double CostCuttingEffort(TrustParameters p, BailoutRegime regime, FunderParameters funder, double lastDeficitShare)
    {
        var deficitShare = Math.Max(0, lastDeficitShare);
        return p.EfficiencyEffort * (1 - p.SoftBudgetEffortLoss * ExpectedCover(regime, funder, deficitShare)) + p.DeficitEffort * deficitShare;
    }

    /// <summary>The share of a deficit a trust expects to be covered afterwards under a bailout regime.</summary>
    public static double ExpectedCover(BailoutRegime regime, FunderParameters funder, double deficitShare) => regime switch
    {
        BailoutRegime.HardBudget => 0,
        BailoutRegime.SystemDistress => 1,
        _ => Math.Min(1, funder.BailoutBaseProbability + funder.BailoutProbabilityPerDeficitShare * deficitShare),
    };

    /// <summary>
    /// The cost of the activity a contract plans, at the trust's own unit costs: the first year's national prices in its
    /// market, the marginal share of each, grown by input costs less the cost it has cut.
    /// </summary>
    public static Money PlannedVariableCost(ContractTerms terms, TrustParameters p, ContractParameters basePrices, double marketForcesFactor, double unitCostIndex)
    {
        var unit = marketForcesFactor * unitCostIndex;
        return basePrices.ElectivePrice.Times(p.ElectiveMarginalCostShare * unit * terms.PlannedElective)
               + basePrices.EmergencyPrice.Times(p.EmergencyMarginalCostShare * unit * terms.PlannedEmergency)
               + basePrices.AandEPrice.Times(p.EmergencyMarginalCostShare * unit * terms.PlannedAandE);
    }

    private Money MarginalCost(Money basePrice, double marginalShare) =>
        basePrice.Times(marginalShare * _profile.MarketForcesFactor * _unitCostIndex * ThisYearsCostLevel);

    /// <summary>A pandemic's extra cost is carried in its own year only: it is not part of the base later years grow from.</summary>
    private double ThisYearsCostLevel => 1 + Parameters.Trusts.PandemicCostShare;

    private Money ThisYearsFixedMonthlyCost => _fixedMonthlyCost.Times(ThisYearsCostLevel);

    private void AnswerOffer(StepContext context, Inbox inbox)
    {
        var p = Parameters.Trusts;
        foreach (var (commissioner, offer) in Items<ContractOffer>(inbox))
        {
            var terms = offer.Terms;
            var year = context.Phase.YearIndex;
            if (!_costsKnown)
            {
                // A trust starts the run at the cost base the sector had: its first plan's cost exceeds its first
                // contract by a gap drawn around the sector's mean, so the first year carries the deficits of its era.
                var gap = p.InitialCostGap + (p.InitialCostGapSpread > 0 ? p.InitialCostGapSpread * Random.NextStandardNormal() : 0);
                var variableAtStart = PlannedVariableCost(terms, p, Economy.Parameters.Contracts, _profile.MarketForcesFactor, _unitCostIndex);
                var costAtStart = terms.AnnualValue.Times(1 + gap);
                _fixedMonthlyCost = new Money(Math.Max(terms.AnnualValue.Pence / 10, (costAtStart - variableAtStart).Pence) / 12);
                _costsKnown = true;
            }
            else
            {
                // Input costs rise with pay awards and prices, staff are added as the workforce grows, and effort cuts both.
                var effort = CostCuttingEffort(p, Parameters.Governance.Bailout, Parameters.Funder, _lastDeficitShare);
                var inflation = 1 + p.InputCostInflation(Parameters.Funder);
                _unitCostIndex *= inflation * (1 - effort);
                var staffGrowth = Economy.StaffIndex(year) / Economy.StaffIndex(year - 1);
                _fixedMonthlyCost = _fixedMonthlyCost.Times(inflation * (1 - effort) * staffGrowth);
            }
            var variable = PlannedVariableCost(terms, p, Economy.Parameters.Contracts, _profile.MarketForcesFactor, _unitCostIndex * ThisYearsCostLevel);
            var expectedCost = new Money(ThisYearsFixedMonthlyCost.Pence * 12) + variable;
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

    private void DeliverMonth(StepContext context, Inbox inbox)
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

        var cost = ThisYearsFixedMonthlyCost;
        int treated = 0, boughtTreated = 0, delayed = 0, available = 0, used = 0, waitingTotal = 0, over18 = 0, seenInFourHours = 0;
        double delayedBeds = 0;
        var year = context.Phase.YearIndex;
        if (_profile.Type == TrustType.Acute && _contract is { } terms)
        {
            _waiting ??= WaitingList.Initial((int)(Economy.PopulationServed(Index) * p.InitialWaitingListPerHead));
            var beds = _profile.Beds * Economy.BedIndex(year);
            var bedDays = beds * DaysPerMonth;
            var availableBedDays = bedDays * p.OccupancyTarget;
            var delayedBedDays = CausalChannels.DelayedDischargeBedDays(bedDays, p.DelayedDischargeShareOfBeds, p.SocialCareShareOfDelays, supplyRatio, p.CareSupplyElasticity);
            var emergencyBedDays = emergency * p.EmergencyLengthOfStay;
            var bedDaysPerElective = p.ElectiveBedDaysPerPathway;
            // Electives are limited by staff and theatres, and by the beds left after emergencies and delayed discharges.
            var staffCapacity = _profile.Beds * p.ElectivePathwaysPerBedPerYear / 12 * Economy.StaffIndex(year) * p.ElectiveProductivity;
            var bedCapacity = bedDaysPerElective > 0 ? Math.Max(0, availableBedDays - delayedBedDays - emergencyBedDays) / bedDaysPerElective : staffCapacity;
            var capacity = (int)Math.Min(staffCapacity, bedCapacity);
            var prices = Economy.Parameters.Contracts;
            var electiveMarginalCost = MarginalCost(prices.ElectivePrice, p.ElectiveMarginalCostShare);
            // Beyond its own staff and beds a trust can buy sessions at a premium (waiting list initiatives, insourcing,
            // the independent sector), as far as the margin on an extra case at that cost moves it to.
            var bought = BoughtElectives(terms, p, (int)(staffCapacity * p.BoughtCapacityShare), electiveMarginalCost);
            var wanted = ElectivesWanted(terms, p, month, capacity, electiveMarginalCost) + bought;
            var (list, done, _) = WaitingList.Advance(_waiting, referrals, wanted, p.WaitingDropOutRate, p.TreatInTurnShare, p.UrgentFirstShare);
            _waiting = list;
            treated = done;
            boughtTreated = Math.Min(bought, done);
            delayed = (int)Math.Round(delayedBedDays);
            delayedBeds = delayedBedDays / DaysPerMonth;
            seenInFourHours = (int)Math.Round(aandE * CausalChannels.AandEWithinFourHours(
                (emergencyBedDays + delayedBedDays) / availableBedDays, p.AandEFourHourLogitAtTargetOccupancy, p.AandEFourHourOccupancySlope));
            available = (int)Math.Round(availableBedDays);
            used = (int)Math.Round(emergencyBedDays + delayedBedDays + treated * bedDaysPerElective);
            waitingTotal = WaitingList.Total(list);
            over18 = WaitingList.Over18Weeks(list);
            cost += electiveMarginalCost.Times(treated + (p.BoughtCapacityCostPremium - 1) * boughtTreated)
                    + MarginalCost(prices.EmergencyPrice, p.EmergencyMarginalCostShare).Times((double)emergency)
                    + MarginalCost(prices.AandEPrice, p.EmergencyMarginalCostShare).Times((double)aandE);
            // Productivity: activity at the scenario's first-year national prices against cost deflated to those prices.
            context.Add(Metric.CostWeightedActivity, new Money(checked(prices.ElectivePrice.Pence * treated + prices.EmergencyPrice.Pence * emergency + prices.AandEPrice.Pence * aandE)));
            context.Add(Metric.TrustCostAtBasePrices, cost.Times(1 / Economy.InputCostIndex(context.Phase.YearIndex)));
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
        context.Add(Metric.DelayedDischargeBeds, (long)Math.Round(delayedBeds));
        context.Add(Metric.AandEWithinFourHours, seenInFourHours);
        context.Add(Metric.BedDaysAvailable, available);
        context.Add(Metric.BedDaysUsed, used);
        context.Add(Metric.WaitingList, waitingTotal);
        context.Add(Metric.WaitingOver18Weeks, over18);
        HealthAccounts.RecordHospital(context, Economy, _profile.Commissioner, Parameters.Health, waitingTotal, avoidable);
        context.Record(new HospitalActivityDelivered(context.Phase.Index, referrals, treated, emergency, aandE, delayed, available, used, waitingTotal, over18, cost));
    }

    /// <summary>
    /// How many electives a trust wants to do this month: its plan, and of the capacity beyond it a share that rises with
    /// the margin on an extra case (marginal payment less marginal cost) along a logistic curve, never below what its
    /// altruism gives patients. Paid per case above cost it fills nearly all its capacity; on a block nearly only what
    /// altruism adds, and the waiting list absorbs the rest.
    /// </summary>
    public static int ElectivesWanted(ContractTerms terms, TrustParameters p, int month, int capacity, Money marginalCost)
    {
        var planned = Math.Min(capacity, PaymentRules.MonthlyCount(terms.PlannedElective, month));
        var effort = ElectiveEffort(PaymentRules.MarginalElectivePayment(terms), marginalCost, terms.ElectivePrice, p);
        return planned + (int)Math.Round(effort * (capacity - planned));
    }

    /// <summary>
    /// Electives a trust buys beyond its own capacity: of what it can buy, the share its effort gives at the margin on an
    /// extra case bought at a premium over its own marginal cost. Paid per case above that cost it buys most of it; on a
    /// block only what altruism adds.
    /// </summary>
    public static int BoughtElectives(ContractTerms terms, TrustParameters p, int canBuy, Money marginalCost)
    {
        if (canBuy <= 0) return 0;
        var effort = ElectiveEffort(PaymentRules.MarginalElectivePayment(terms), marginalCost.Times(p.BoughtCapacityCostPremium), terms.ElectivePrice, p);
        return (int)Math.Round(effort * canBuy);
    }

    /// <summary>
    /// The share of spare capacity a trust uses: altruism plus, of the rest, a logistic in the margin over price whose
    /// width is <c>elective_margin_response</c> (a width of 0 is the limit of a surplus-maximiser: all above cost, none below).
    /// </summary>
    public static double ElectiveEffort(Money marginalPayment, Money marginalCost, Money price, TrustParameters p)
    {
        var margin = price > Money.Zero ? (double)(marginalPayment - marginalCost).Pence / price.Pence : 0;
        var response = p.ElectiveMarginResponse > 0
            ? 1 / (1 + Math.Exp(-margin / p.ElectiveMarginResponse))
            : marginalPayment >= marginalCost && marginalPayment > Money.Zero ? 1 : 0;
        return p.AltruismWeight + (1 - p.AltruismWeight) * response;
    }

    private void Vote(StepContext context, Inbox inbox)
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
        context.Add(Metric.TrustsReporting, 1);
        _lastDeficitShare = _incomeThisYear > Money.Zero ? -(double)surplus.Pence / _incomeThisYear.Pence : 0;
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _costThisYear, surplus, Cash + context.Received));
        _incomeThisYear = Money.Zero;
        _costThisYear = Money.Zero;
        _preventionThisYear = Money.Zero;
    }
}
