using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>An upper-tier council: adult social care, the care market it funds, and the public health grant.</summary>
public sealed class Council(CouncilProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private readonly CouncilProfile _profile = profile;
    private Money _socialCareBudget;
    private Money _publicHealthBudget;
    private double _careSupply;
    private double _baseSupply;
    private Money _careMoneyLeft;
    private Money _incomeThisYear;
    private Money _costThisYear;

    public double CareSupply => _careSupply;

    protected override void Act(StepContext context, Inbox inbox)
    {
        // Pooled NHS money and personal budgets spent on council-arranged care both buy care places.
        var pooled = Paid(inbox, PaymentPurpose.PooledBudget) + Paid(inbox, PaymentPurpose.PersonalBudget);
        _socialCareBudget += pooled;
        _careMoneyLeft += pooled;
        _incomeThisYear += pooled;
        switch (context.Phase.Kind)
        {
            case PhaseKind.Planning: SetBudget(context, inbox); break;
            case PhaseKind.ContractReplies: AnswerPool(context, inbox); break;
            case PhaseKind.PrimaryAndSocialCare: SupplyCare(context); break;
            case PhaseKind.Votes: Vote(context, inbox); break;
            case PhaseKind.YearClose: CloseYear(context); break;
        }
    }

    private Money CostPerPerson(int yearIndex) => Parameters.SocialCare.CostPerPersonSupported.Times(Economy.CareCostIndex(yearIndex));

    private void SetBudget(StepContext context, Inbox inbox)
    {
        var year = context.Phase.YearIndex;
        var totalOlder = Economy.CouncilsOlderPopulation;
        var ownResources = totalOlder > 0
            ? Parameters.SocialCare.OwnResources.Times(Economy.CouncilResourcesIndex(year)).Times(_profile.OlderPopulation / totalOlder)
            : Money.Zero;
        context.ReceiveExternally(ownResources);
        var grant = Paid(inbox, PaymentPurpose.SocialCareGrant);
        _publicHealthBudget = Paid(inbox, PaymentPurpose.PublicHealthGrant);
        _socialCareBudget = grant + ownResources;
        // Care money not spent by the year's end (personal budgets paid in its last month) is carried forward.
        _careMoneyLeft += grant + ownResources;
        _incomeThisYear = grant + ownResources + _publicHealthBudget;
    }

    /// <summary>
    /// Both sides must agree a pooled budget. A council agrees unless pooling asks it to ring-fence more of its own social
    /// care money than the NHS puts in; under devolution the pool is joint and not the council's to refuse.
    /// </summary>
    public static bool AcceptsPool(PoolProposal proposal, Money socialCareBudget) =>
        proposal.Mandatory || proposal.NhsContribution >= socialCareBudget.Times(proposal.RequiredCouncilShare);

    private void AnswerPool(StepContext context, Inbox inbox)
    {
        foreach (var (commissioner, proposal) in Items<PoolProposal>(inbox))
        {
            var accepted = AcceptsPool(proposal, _socialCareBudget);
            context.Send(commissioner, new PoolReply(proposal.Year, accepted));
            context.Record(new PoolAnswered(context.Phase.Index, Economy[commissioner].Code, accepted, proposal.NhsContribution, _socialCareBudget.Times(proposal.RequiredCouncilShare)));
        }
    }

    private void SupplyCare(StepContext context)
    {
        var sc = Parameters.SocialCare;
        var month = context.Phase.Month;
        var year = context.Phase.YearIndex;
        // Less money per older person means fewer funded places; the care market follows with a lag. The reference
        // supply is what the first year's whole budget buys, pooled NHS money included.
        var costPerPerson = CostPerPerson(year);
        var funded = costPerPerson > Money.Zero ? (double)(_socialCareBudget.Pence / (decimal)costPerPerson.Pence) : 0;
        if (_baseSupply == 0)
        {
            _careSupply = funded;
            _baseSupply = Math.Max(funded, 1);
        }
        _careSupply += sc.SupplyAdjustment / 12 * (funded - _careSupply);
        var olderPopulation = _profile.OlderPopulation * Economy.OlderPopulationIndex(year);
        var need = (int)Math.Round(olderPopulation * sc.NeedPerOlderPerson);
        var supported = Math.Min(need, (int)Math.Round(_careSupply));
        var unmet = need - supported;
        // Councils spend their care money as it comes, a share of what is left each month: where places are fewer than
        // the money would buy, it buys more care per person (fees and package sizes rise).
        var careSpend = new Money(_careMoneyLeft.Pence / (Calendar.MonthsPerYear + 1 - month));
        _careMoneyLeft -= careSpend;
        var publicHealthSpend = PaymentRules.MonthlySlice(_publicHealthBudget, month);
        context.SpendExternally(careSpend + publicHealthSpend);
        _costThisYear += careSpend + publicHealthSpend;

        var ratio = _careSupply / _baseSupply;
        for (var i = 0; i < _profile.AcuteTrusts.Count; i++)
            context.Send(_profile.AcuteTrusts[i], new DischargeCapacity(ratio, _profile.OlderPopulation * _profile.DischargeWeights[i]));

        context.Add(Metric.PeopleSupported, supported);
        context.Add(Metric.OlderPopulation, (long)Math.Round(olderPopulation));
        context.Add(Metric.UnmetSocialCareNeed, unmet);
        context.Add(Metric.SocialCareSpend, careSpend);
        context.Add(Metric.PublicHealthSpend, publicHealthSpend);
        RecordHealth(context, supported, unmet, careSpend, costPerPerson, publicHealthSpend);
        context.Record(new SocialCareDelivered(context.Phase.Index, supported, unmet, ratio, careSpend, publicHealthSpend));
    }

    /// <summary>
    /// The council's part of the health measure: QALYs lost by residents whose care needs go unmet and gained from its
    /// public health spending at first-year prices, each shared over the area's deprivation fifths by ill health; and the
    /// care-related quality of life of the people it supports, from the care each receives.
    /// </summary>
    private void RecordHealth(StepContext context, int supported, int unmet, Money careSpend, Money costPerPerson, Money publicHealthSpend)
    {
        var health = Parameters.Health;
        var year = context.Phase.YearIndex;
        var fifths = Economy.Deprivation.Of(Index);
        var lost = HealthOutcomes.Milli(HealthOutcomes.UnmetCareQalysLost(unmet, health.UnmetCareQalyLossPerPersonYear, 1.0 / Calendar.MonthsPerYear));
        var gained = HealthOutcomes.Milli(HealthOutcomes.PublicHealthQalys(publicHealthSpend, Economy.InputCostIndex(year),
            Parameters.SocialCare.PublicHealthShareOfGrant, health.PublicHealthPoundsPerQaly, health.NhsCarePoundsPerQaly));
        context.Add(Metric.QalysLostUnmetCareMilli, lost);
        context.Add(Metric.PublicHealthQalysMilli, gained);
        HealthAccounts.AddToFifths(context, fifths, health.IllHealthRatioMostDeprived, gained - lost);
        var population = _profile.Population * Economy.PopulationIndex(year);
        context.Add(Metric.PopulationMostDeprived, (long)Math.Round(population * fifths[DeprivationFifths.MostDeprived]));
        context.Add(Metric.PopulationLeastDeprived, (long)Math.Round(population * fifths[DeprivationFifths.LeastDeprived]));

        var intensity = HealthOutcomes.CareIntensity(careSpend, supported, new Money(costPerPerson.Pence / Calendar.MonthsPerYear));
        var score = HealthOutcomes.CareRelatedQualityOfLife(intensity, health.CareQualityOfLifeWithoutCare, health.CareQualityOfLifeAtReference, health.CareIntensityElasticity);
        context.Add(Metric.CareQualityOfLifePointsMilli, (long)Math.Round(score * 1000 * supported, MidpointRounding.ToEven));
    }

    private void Vote(StepContext context, Inbox inbox)
    {
        foreach (var (proposer, proposal) in Items<ReconfigurationProposal>(inbox))
        {
            // Councils back moving care into the community and oppose changes that take services from residents; an
            // opposing council may refer the proposal to health scrutiny, which delays it.
            var inFavour = !proposal.ClosesEmergencyDepartment && proposal.AcuteShift > 0;
            var referral = !inFavour && Parameters.Governance.ScrutinyReferralProbability > 0 && Random.NextBernoulli(Parameters.Governance.ScrutinyReferralProbability);
            var weight = Parameters.Governance.Weighting == VoteWeighting.Budget ? (double)_socialCareBudget.Pounds : _profile.Population;
            context.Send(proposer, new VoteCast(proposal.ProposalId, inFavour, false, weight, referral));
            context.Record(new VoteRecorded(context.Phase.Index, proposal.ProposalId, inFavour, false, weight, referral));
        }
    }

    private void CloseYear(StepContext context)
    {
        var surplus = _incomeThisYear - _costThisYear;
        context.Record(new YearClosed(context.Phase.Index, context.Phase.Year, _incomeThisYear, _costThisYear, surplus, Cash));
        _incomeThisYear = Money.Zero;
        _costThisYear = Money.Zero;
    }
}
