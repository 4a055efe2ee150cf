using EconomySim.Domain.Economics;

namespace EconomySim.Domain.Organisations;

/// <summary>Treasury, DHSC and NHS England as one body: it allocates the envelope, pays grants and decides bailouts.</summary>
public sealed class NationalFunder(NationalFunderProfile profile, EconomyIndex economy, long runSeed) : Organisation(profile, economy, runSeed)
{
    private double[]? _shares;
    private FunderParameters[]? _funderByYear;

    public IReadOnlyList<double>? CommissionerShares => _shares;

    protected override void Act(StepContext context, Inbox inbox)
    {
        switch (context.Phase.Kind)
        {
            case PhaseKind.Allocation:
                Allocate(context);
                break;
            case PhaseKind.Bailouts:
                DecideBailouts(context, inbox);
                break;
        }
    }

    private void Allocate(StepContext context)
    {
        var p = Parameters.Funder;
        var year = context.Phase.YearIndex;
        var commissioners = Economy.Commissioners;
        var target = Allocation.TargetShares(commissioners);
        // A multi-year settlement fixes shares for its horizon; pace of change applies when a new settlement is made.
        var horizon = Math.Max(1, Parameters.Governance.SettlementHorizonYears);
        if (_shares is null) _shares = commissioners.Select(c => c.InitialShareOfEnvelope).ToArray();
        else if (year % horizon == 0) _shares = Allocation.MoveTowardsTarget(_shares, target, p.PaceOfChange);

        var growth = GrowthFactor(year);
        var envelope = p.CommissionerAllocations.Times(growth);
        // Additions to the settlement follow the year's allocation shares: pay awards funded above it (kept in later
        // years' allocations) and money for providers' costs in the years a policy sets it.
        var payFunding = envelope.Times(Economy.PayFundingIndex(year) - 1m);
        var additions = payFunding + p.InYearFunding;
        var allocations = MoneySplit.ByWeights(envelope, _shares);
        var payFundingShares = MoneySplit.ByWeights(payFunding, _shares);
        var providerFunding = MoneySplit.ByWeights(p.InYearFunding, _shares);
        var pumpPrime = Allocation.PumpPrimeInYear(_funderByYear ??= FunderByYear(), year);
        var pumpPrimeShares = MoneySplit.ByWeights(pumpPrime, commissioners.Select(c => (double)c.Population).ToArray());
        // Transformation money follows allocations; commissioners hold it for their trusts and hand back what is not earned.
        var transformation = MoneySplit.ByWeights(p.TransformationFund, _shares);

        var councils = Economy.Councils;
        var socialCare = MoneySplit.ByWeights(p.SocialCareGrant.Times(growth), councils.Select(c => (double)c.OlderPopulation).ToArray());
        // The public health grant formula weights population by deprivation.
        var publicHealth = MoneySplit.ByWeights(p.PublicHealthGrant.Times(growth), councils.Select(c => c.Population * c.Deprivation).ToArray());

        var toCouncils = Money.Zero;
        foreach (var m in socialCare) toCouncils += m;
        foreach (var m in publicHealth) toCouncils += m;
        context.ReceiveExternally(envelope + additions + pumpPrime + toCouncils + p.TransformationFund);

        foreach (var change in Economy.Parameters.PolicyChanges)
            if (change.Year == context.Phase.Year)
                context.Record(new PolicyChangeTookEffect(context.Phase.Index, change.Year, change.Description));

        for (var i = 0; i < commissioners.Count; i++)
        {
            context.Pay(commissioners[i].Index, allocations[i], PaymentPurpose.Allocation);
            context.Pay(commissioners[i].Index, payFundingShares[i], PaymentPurpose.PayAwardFunding);
            context.Pay(commissioners[i].Index, providerFunding[i], PaymentPurpose.ProviderFunding);
            context.Pay(commissioners[i].Index, pumpPrimeShares[i], PaymentPurpose.PumpPrime);
            context.Pay(commissioners[i].Index, transformation[i], PaymentPurpose.TransformationFund);
        }
        for (var i = 0; i < councils.Count; i++)
        {
            context.Pay(councils[i].Index, socialCare[i], PaymentPurpose.SocialCareGrant);
            context.Pay(councils[i].Index, publicHealth[i], PaymentPurpose.PublicHealthGrant);
        }
        context.Add(Metric.CommissionerAllocations, envelope);
        context.Add(Metric.PumpPrime, pumpPrime);
        context.Add(Metric.SettlementAdditions, additions);
        context.Add(Metric.SocialCareGrants, toCouncils);
        context.Record(new AllocationsMade(context.Phase.Index, context.Phase.Year, envelope, envelope, toCouncils, pumpPrime, Allocation.LargestDistance(_shares, target)));
    }

    private FunderParameters[] FunderByYear() =>
        Enumerable.Range(0, Economy.Parameters.Years).Select(y => Economy.ParametersIn(y).Funder).ToArray();

    private void DecideBailouts(StepContext context, Inbox inbox)
    {
        // Transformation money that was not earned goes back to the Treasury.
        context.SpendExternally(Paid(inbox, PaymentPurpose.TransformationFund));
        var p = Parameters.Funder;
        var regime = Parameters.Governance.Bailout;
        if (regime == BailoutRegime.HardBudget) return;

        var trustReports = new List<(TrustProfile Trust, YearEndReport Report)>();
        var commissionerSurplus = new Dictionary<int, Money>();
        foreach (var (sender, report) in Items<YearEndReport>(inbox))
        {
            switch (Economy[sender])
            {
                case TrustProfile trust: trustReports.Add((trust, report)); break;
                case CommissionerProfile: commissionerSurplus[sender] = report.Surplus; break;
            }
        }

        var grants = new List<(TrustProfile Trust, Money Deficit, Money Amount)>();
        if (regime == BailoutRegime.PerTrust)
        {
            foreach (var (trust, report) in trustReports)
            {
                if (report.Surplus >= Money.Zero) continue;
                var deficit = -report.Surplus;
                var chance = Bailouts.PerTrustProbability(deficit, report.Turnover, p.BailoutBaseProbability, p.BailoutProbabilityPerDeficitShare);
                if (Random.NextBernoulli(chance)) grants.Add((trust, deficit, deficit));
            }
        }
        else
        {
            // Each system's trusts in the order they reported, gathered in one pass: looking them up for every system
            // made the year's close quadratic in the size of the economy.
            var bySystem = trustReports.ToLookup(r => r.Trust.Commissioner);
            foreach (var commissioner in Economy.Commissioners)
            {
                var members = bySystem[commissioner.Index].ToList();
                if (members.Count == 0) continue;
                var funding = Bailouts.SystemDistress(members.Select(m => m.Report.Surplus).ToArray(),
                    commissionerSurplus.GetValueOrDefault(commissioner.Index, Money.Zero));
                for (var i = 0; i < members.Count; i++)
                    if (funding[i] > Money.Zero)
                        grants.Add((members[i].Trust, -members[i].Report.Surplus, funding[i]));
            }
        }

        var purpose = regime == BailoutRegime.PerTrust ? PaymentPurpose.Bailout : PaymentPurpose.DistressFunding;
        foreach (var (trust, deficit, amount) in grants)
        {
            // Bailouts are voted by the Treasury when granted, so they enter the economy here.
            context.ReceiveExternally(amount);
            context.Pay(trust.Index, amount, purpose);
            context.Add(Metric.BailoutCount, 1);
            context.Add(Metric.BailoutValue, amount);
            context.Record(new BailoutGranted(context.Phase.Index, trust.Code, regime, deficit, amount));
        }
    }
}
