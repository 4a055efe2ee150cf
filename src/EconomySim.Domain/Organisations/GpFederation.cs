using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>A GP federation or primary care network: a registered list, appointments, referrals and prevention.</summary>
public sealed class GpFederation(GpFederationProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private readonly GpFederationProfile _profile = profile;
    private readonly double[] _referralWeights = [.. profile.ReferralWeights];
    private ContractTerms? _contract;
    private Money _baseValue;
    private Money _fixedMonthlyCost;
    private Money _costPerAppointment;
    private double _costIndex = 1.0;
    private readonly List<double> _preventionPerHeadByYear = [];
    private Money _preventionThisYear;
    private Money _incomeThisYear;
    private Money _costThisYear;

    protected override void Act(StepContext context, Inbox inbox)
    {
        _incomeThisYear += Paid(inbox, PaymentPurpose.ContractPayment);
        SpendPrevention(context, Paid(inbox, PaymentPurpose.PreventionFunding));
        foreach (var (_, agreed) in Items<ContractAgreed>(inbox)) _contract = agreed.Terms;
        switch (context.Phase.Kind)
        {
            case PhaseKind.ContractReplies: AnswerOffer(context, inbox); break;
            case PhaseKind.PrimaryAndSocialCare: DeliverMonth(context); break;
            case PhaseKind.Votes: Vote(context, inbox); break;
            case PhaseKind.YearClose: CloseYear(context); break;
        }
    }

    private double ExpectedAppointmentsPerYear()
    {
        var pc = Parameters.PrimaryCare;
        return _profile.ListSize * _profile.NeedIndex * Math.Min(pc.AppointmentsPerHead, pc.CapacityPerHead);
    }

    private void AnswerOffer(StepContext context, Inbox inbox)
    {
        var pc = Parameters.PrimaryCare;
        foreach (var (commissioner, offer) in Items<ContractOffer>(inbox))
        {
            var value = offer.Terms.AnnualValue;
            if (_baseValue == Money.Zero)
            {
                // Starts the run breaking even: the first contract pays for the appointments it expects to give.
                _baseValue = value;
                _fixedMonthlyCost = value.Times(pc.FixedCostShare / 12);
                _costPerAppointment = ExpectedAppointmentsPerYear() > 0 ? value.Times((1 - pc.FixedCostShare) / ExpectedAppointmentsPerYear()) : Money.Zero;
            }
            else
            {
                var effort = Trust.CostCuttingEffort(Parameters.Trusts, Parameters.Governance.Bailout, Parameters.Funder, 0);
                var growth = (1 + Parameters.Trusts.InputCostInflation(Parameters.Funder)) * (1 - effort);
                _costIndex *= growth;
                _fixedMonthlyCost = _fixedMonthlyCost.Times(growth);
                _costPerAppointment = _costPerAppointment.Times(growth);
            }
            var expectedCost = new Money(_fixedMonthlyCost.Pence * 12) + _costPerAppointment.Times(ExpectedAppointmentsPerYear());
            var reply = Negotiation.Answer(offer.Terms.Year, value, expectedCost, Parameters.Contracts);
            context.Send(commissioner, reply);
            context.Record(new ContractAnswered(context.Phase.Index, Economy[commissioner].Code, reply.Kind, value, reply.AskedValue, expectedCost));
        }
    }

    /// <summary>Real funding relative to the first year: more money buys more appointments, less buys fewer.</summary>
    private double FundingRatio() =>
        _contract is null || _baseValue == Money.Zero ? 1.0 : (double)_contract.AnnualValue.Pence / _baseValue.Pence / _costIndex;

    private void DeliverMonth(StepContext context)
    {
        var pc = Parameters.PrimaryCare;
        var list = _profile.ListSize * _profile.NeedIndex;
        var year = context.Phase.YearIndex;
        // Demand grows with the population, its ageing and use per head; capacity only with real funding.
        var demand = Random.NextCount(list * pc.AppointmentsPerHead / 12 * Economy.DemandIndex(DemandKind.GpAppointments, year));
        var capacity = (int)(_profile.ListSize * _profile.NeedIndex * pc.CapacityPerHead / 12 * FundingRatio() * pc.CapacityLevel);
        var appointments = Math.Min(demand, capacity);
        var failed = demand - appointments;
        var failureRate = demand > 0 ? (double)failed / demand : 0;
        var baseFailureRate = Math.Max(0, 1 - pc.CapacityPerHead / pc.AppointmentsPerHead);
        var referrals = Random.NextCount(list * pc.ReferralsPerHead / 12 * Economy.DemandIndex(DemandKind.Referrals, year));

        var effect = CausalChannels.PreventionEffect(PreventionPerHeadPastLag(context.Phase.YearIndex), pc.PreventionMaxEffect, pc.PreventionPoundsPerHeadForHalfEffect);
        var emergencyMean = list * pc.EmergencyAdmissionsPerHead / 12 * Economy.DemandIndex(DemandKind.EmergencyAdmissions, year);
        var avoidable = Random.NextCount(emergencyMean * pc.AvoidableShare * (1 - effect));
        var emergency = Random.NextCount(emergencyMean * (1 - pc.AvoidableShare)) + avoidable;
        var aandE = Random.NextCount(CausalChannels.AandEAttendances(list * pc.AandEAttendancesPerHead / 12 * Economy.DemandIndex(DemandKind.AandEAttendances, year), pc.AandEShareAfterFailedAccess, failureRate, baseFailureRate));

        var weights = _referralWeights;
        var trusts = weights.Length;
        // Every federation splits its month four ways: on the stack, it leaves nothing for the collector.
        Span<int> splits = trusts <= 64 ? stackalloc int[4 * trusts] : new int[4 * trusts];
        var referralSplit = splits[..trusts];
        var emergencySplit = splits.Slice(trusts, trusts);
        var avoidableSplit = splits.Slice(2 * trusts, trusts);
        var aandESplit = splits.Slice(3 * trusts, trusts);
        MoneySplit.CountByWeights(referrals, weights, referralSplit);
        MoneySplit.CountByWeights(emergency, weights, emergencySplit);
        MoneySplit.CountByWeights(avoidable, weights, avoidableSplit);
        MoneySplit.CountByWeights(aandE, weights, aandESplit);
        for (var i = 0; i < _profile.AcuteTrusts.Count; i++)
            context.Send(_profile.AcuteTrusts[i], new PatientFlow(referralSplit[i], emergencySplit[i], avoidableSplit[i], aandESplit[i]));

        var cost = _fixedMonthlyCost + new Money(checked(_costPerAppointment.Pence * appointments));
        context.SpendExternally(cost);
        _costThisYear += cost;
        context.Add(Metric.GpAppointments, appointments);
        context.Add(Metric.FailedGpAccess, failed);
        context.Record(new PrimaryCareDelivered(context.Phase.Index, appointments, failed, referrals, emergency, avoidable, aandE, effect));
    }

    /// <summary>Prevention money is spent as it arrives, on programmes whose effect comes after the lag.</summary>
    private void SpendPrevention(StepContext context, Money amount)
    {
        if (amount == Money.Zero) return;
        _incomeThisYear += amount;
        _costThisYear += amount;
        _preventionThisYear += amount;
        context.SpendExternally(amount);
    }

    private double PreventionPerHeadPastLag(int yearIndex)
    {
        double total = 0;
        var lastCounted = yearIndex - Parameters.PrimaryCare.PreventionLagYears;
        for (var y = 0; y <= lastCounted && y < _preventionPerHeadByYear.Count; y++) total += _preventionPerHeadByYear[y];
        return total;
    }

    private void Vote(StepContext context, Inbox inbox)
    {
        foreach (var (proposer, proposal) in Items<ReconfigurationProposal>(inbox))
        {
            var inFavour = proposal.IncomeChange >= Money.Zero && !proposal.ClosesEmergencyDepartment;
            var weight = Parameters.Governance.Weighting == VoteWeighting.Budget ? (double)(_contract?.AnnualValue ?? Money.Zero).Pounds : _profile.ListSize;
            context.Send(proposer, new VoteCast(proposal.ProposalId, inFavour, false, weight));
            context.Record(new VoteRecorded(context.Phase.Index, proposal.ProposalId, inFavour, false, weight));
        }
    }

    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _costThisYear;
        _preventionPerHeadByYear.Add(_profile.ListSize > 0 ? (double)_preventionThisYear.Pounds / _profile.ListSize : 0);
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _costThisYear, surplus, Cash + context.Received - context.ExternalSpending));
        _incomeThisYear = Money.Zero;
        _costThisYear = Money.Zero;
        _preventionThisYear = Money.Zero;
    }
}
