namespace EconomySim.Domain.Organisations;

/// <summary>
/// One organisation of the economy: its fixed profile, its state and its ledger. An activation applies the letters
/// addressed to it, in canonical order, through the pure rules of its kind. The same class runs inside an actor and
/// inside the sequential reference loop, which is why both give the same history.
/// </summary>
public abstract class Organisation
{
    protected Organisation(OrganisationProfile profile, EconomyIndex economy, long runSeed)
    {
        Profile = profile;
        Economy = economy;
        Parameters = economy.Parameters;
        Random = SimulationRandom.For(runSeed, profile.Code);
    }

    public OrganisationProfile Profile { get; }
    public int Index => Profile.Index;
    protected EconomyIndex Economy { get; }

    /// <summary>The parameters in force in the year being simulated: policy changes take effect from their year.</summary>
    protected EconomyParameters Parameters { get; private set; }
    protected SimulationRandom Random { get; }

    public Money Cash { get; private set; }
    public Money TotalReceived { get; private set; }
    public Money TotalSent { get; private set; }
    public Money TotalExternalIncome { get; private set; }
    public Money TotalExternalSpending { get; private set; }

    public static Organisation Create(OrganisationProfile profile, EconomyIndex economy, long runSeed) => profile switch
    {
        NationalFunderProfile p => new NationalFunder(p, economy, runSeed),
        CommissionerProfile p => new Commissioner(p, economy, runSeed),
        TrustProfile p => new Trust(p, economy, runSeed),
        GpFederationProfile p => new GpFederation(p, economy, runSeed),
        CouncilProfile p => new Council(p, economy, runSeed),
        _ => throw new ArgumentException($"No model for organisation kind {profile.Kind}.", nameof(profile)),
    };

    /// <summary>Applies one phase's letters (already in canonical order) and leaves the results in the context.</summary>
    public void Activate(StepContext context, CalendarPhase phase, Inbox inbox)
    {
        context.Begin(phase);
        Parameters = Economy.ParametersIn(phase.YearIndex);
        // Index loops: foreach over the interfaces would box an enumerator per letter, the largest allocation of a run.
        for (var l = 0; l < inbox.Count; l++)
        {
            var items = inbox[l].Items;
            for (var i = 0; i < items.Count; i++)
                if (items[i] is Payment payment)
                    context.Credit(payment.Amount);
        }
        Act(context, inbox);
        TotalReceived += context.Received;
        TotalSent += context.Sent;
        TotalExternalIncome += context.ExternalIncome;
        TotalExternalSpending += context.ExternalSpending;
        Cash = Cash + context.Received - context.Sent + context.ExternalIncome - context.ExternalSpending;
        if (context.Received != Money.Zero || context.Sent != Money.Zero || context.ExternalIncome != Money.Zero || context.ExternalSpending != Money.Zero)
            context.Record(new LedgerPosted(phase.Index, context.Received, context.Sent, context.ExternalIncome, context.ExternalSpending, Cash));
    }

    protected abstract void Act(StepContext context, Inbox inbox);

    /// <summary>Every item of type T in the inbox with its sender, in canonical order.</summary>
    protected static InboxItems<T> Items<T>(Inbox inbox) where T : EconomyMessage => new(inbox);

    protected static Money Paid(Inbox inbox, PaymentPurpose purpose)
    {
        var total = Money.Zero;
        for (var l = 0; l < inbox.Count; l++)
        {
            var items = inbox[l].Items;
            for (var i = 0; i < items.Count; i++)
                if (items[i] is Payment payment && payment.Purpose == purpose) total += payment.Amount;
        }
        return total;
    }

    /// <summary>The price index of a year of the run: cost uplift less efficiency, compounded.</summary>
    protected decimal PriceFactor(int yearIndex) => Economy.PriceIndex(yearIndex);

    /// <summary>The allocation index of a year of the run: cash growth, compounded.</summary>
    protected decimal GrowthFactor(int yearIndex) => Economy.GrowthIndex(yearIndex);
}
