namespace EconomySim.Domain.Economics;

/// <summary>What a commissioner owes a provider for a month, under each payment regime of DOMAIN.md.</summary>
public static class PaymentRules
{
    /// <summary>
    /// The month's slice of an annual amount. Slices are cut from the running total so that twelve of them add up to
    /// the annual amount to the penny.
    /// </summary>
    public static Money MonthlySlice(Money annual, int month)
    {
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month));
        return new Money(Cumulative(annual.Pence, month) - Cumulative(annual.Pence, month - 1));
        // Exact in whole pence: integer division truncates toward zero, as the cast of the exact quotient did, with no
        // decimal arithmetic on a path every contract takes every month.
        static long Cumulative(long total, int months) => checked(total * months) / 12;
    }

    public static Money TariffValue(ContractTerms terms, int elective, int emergency, int aandE) =>
        new(checked(terms.ElectivePrice.Pence * elective + terms.EmergencyPrice.Pence * emergency + terms.AandEPrice.Pence * aandE));

    /// <summary>Payment by results: every case at its price, plus the block for services not paid by case.</summary>
    public static Money PaymentByResults(ContractTerms terms, ActivityReport activity, int month) =>
        MonthlySlice(terms.OtherServicesValue, month) + TariffValue(terms, activity.ElectiveTreated, activity.EmergencyAdmissions, activity.AandEAttendances);

    /// <summary>
    /// Marginal emergency rate: payment by results, except that emergency admissions above the month's share of the
    /// planned baseline are paid at r times price. The commissioner keeps the other (1 - r) for admission avoidance.
    /// </summary>
    public static Money MarginalEmergency(ContractTerms terms, ActivityReport activity, int month)
    {
        var baseline = MonthlyCount(terms.PlannedEmergency, month);
        var withinBaseline = Math.Min(activity.EmergencyAdmissions, baseline);
        var above = activity.EmergencyAdmissions - withinBaseline;
        return MonthlySlice(terms.OtherServicesValue, month)
               + TariffValue(terms, activity.ElectiveTreated, withinBaseline, activity.AandEAttendances)
               + terms.EmergencyPrice.Times(terms.MarginalEmergencyRate * above);
    }

    /// <summary>What the marginal emergency rate saves the commissioner this month against full payment by results.</summary>
    public static Money MarginalEmergencyRetained(ContractTerms terms, ActivityReport activity, int month) =>
        terms.Regime == PaymentRegime.MarginalEmergencyRate
            ? PaymentByResults(terms, activity, month) - MarginalEmergency(terms, activity, month)
            : Money.Zero;

    /// <summary>Block: a twelfth of the agreed value, whatever the activity.</summary>
    public static Money Block(ContractTerms terms, int month) => MonthlySlice(terms.AnnualValue, month);

    /// <summary>
    /// A block within a multi-year settlement: last year's amount rolled forward at uplift less efficiency, plus the growth
    /// negotiated on top. At the start of each settlement the block is rebased on the commissioner's budget instead.
    /// </summary>
    public static Money BlockRolledForward(Money lastYear, decimal uplift, decimal efficiency, double negotiatedGrowth) =>
        lastYear.Times(1m + uplift - efficiency + (decimal)negotiatedGrowth);

    /// <summary>
    /// Blended (aligned payment and incentive): the fixed twelfth plus v times the tariff value of activity above or below
    /// a twelfth of plan, in both directions, with one v for elective and another for urgent activity; never below nothing.
    /// </summary>
    public static Money Blended(ContractTerms terms, ActivityReport activity, int month)
    {
        var fixedPart = MonthlySlice(terms.AnnualValue, month);
        var electiveDeviation = TariffValue(terms, activity.ElectiveTreated - MonthlyCount(terms.PlannedElective, month), 0, 0);
        var urgentDeviation = TariffValue(terms, 0, activity.EmergencyAdmissions - MonthlyCount(terms.PlannedEmergency, month),
            activity.AandEAttendances - MonthlyCount(terms.PlannedAandE, month));
        return Money.Max(Money.Zero, fixedPart + electiveDeviation.Times(ElectiveRate(terms)) + urgentDeviation.Times(terms.VariableRate));
    }

    /// <summary>Terms written before elective and urgent rates were told apart carry one rate for both.</summary>
    private static double ElectiveRate(ContractTerms terms) => terms.ElectiveVariableRate > 0 ? terms.ElectiveVariableRate : terms.VariableRate;

    /// <summary>Capitation: a lead provider's budget is its population times need index times the unit cost per weighted head.</summary>
    public static Money CapitationValue(double population, double needIndex, Money unitCostPerWeightedHead) =>
        unitCostPerWeightedHead.Times(population * needIndex);

    /// <summary>
    /// Capitation's year-end risk corridor: overspend or underspend within the dead band stays with the provider; beyond it
    /// the commissioner takes the shared fraction (positive: the commissioner pays more; negative: it pays less).
    /// </summary>
    public static Money CapitationCorridor(Money annualValue, Money providerCost, double deadBand, double sharedFraction) =>
        CapitationCorridor(annualValue, providerCost, deadBand, sharedFraction, cap: 1, stopLoss: 1);

    /// <summary>
    /// The full risk corridor: the shared part is capped at <paramref name="cap"/> of contract value either way; then a
    /// stop-loss: whatever loss the provider would still bear beyond <paramref name="stopLoss"/> of contract value the
    /// commissioner pays in full.
    /// </summary>
    public static Money CapitationCorridor(Money annualValue, Money providerCost, double deadBand, double sharedFraction, double cap, double stopLoss)
    {
        var variance = providerCost - annualValue;
        var band = annualValue.Times(deadBand);
        var shared = Money.Zero;
        if (variance > band) shared = (variance - band).Times(sharedFraction);
        else if (variance < -band) shared = (variance + band).Times(sharedFraction);
        var limit = annualValue.Times(cap);
        shared = Money.Max(-limit, Money.Min(limit, shared));
        var providerLoss = variance - shared;
        var stop = annualValue.Times(stopLoss);
        if (providerLoss > stop) shared += providerLoss - stop;
        return shared;
    }

    /// <summary>
    /// An outcome score between 0 and 1: the share of the waiting list seen within 18 weeks relative to the target, capped
    /// at 1. An empty list scores 1.
    /// </summary>
    public static double OutcomeScore(int waitingList, int waitingOver18Weeks, double targetWithin18Weeks)
    {
        if (waitingList <= 0) return 1;
        var within = 1 - (double)waitingOver18Weeks / waitingList;
        return targetWithin18Weeks <= 0 ? 1 : Math.Clamp(within / targetWithin18Weeks, 0, 1);
    }

    /// <summary>
    /// Outcome-based: the block less its withhold each month; in month 12 the withhold for the whole year is released in
    /// proportion to the outcome score.
    /// </summary>
    public static Money OutcomeBased(ContractTerms terms, int month, double score)
    {
        var withheld = terms.AnnualValue.Times(terms.WithholdShare);
        var paid = MonthlySlice(terms.AnnualValue - withheld, month);
        return month == 12 ? paid + withheld.Times(Math.Clamp(score, 0, 1)) : paid;
    }

    /// <summary>An outcome-based contract fails when its score falls below the failure score.</summary>
    public static bool OutcomeContractFails(ContractTerms terms, double score) =>
        terms.Regime == PaymentRegime.OutcomeBased && score < terms.FailureScore;

    /// <summary>
    /// Personal budgets: a line's value becomes budgets for its patients, which they spend across providers: one part
    /// with the NHS provider, the rest on council-arranged care. Returns (with the provider, on care).
    /// </summary>
    public static (Money Provider, Money Care) PersonalBudgetSpend(Money lineValue, double careShare)
    {
        var care = lineValue.Times(Math.Clamp(careShare, 0, 1));
        return (lineValue - care, care);
    }

    /// <summary>
    /// The allocation formula of personal budgets: each holder's budget in proportion to assessed need, adding up to the
    /// money available to the penny.
    /// </summary>
    public static Money[] PersonalBudgets(Money available, ReadOnlySpan<double> assessedNeed) => MoneySplit.ByWeights(available, assessedNeed);

    /// <summary>The month's payment for a contract line under its regime. Capitation settles its corridor in month 12.</summary>
    public static Money Monthly(ContractTerms terms, ActivityReport activity, int month, Money providerCostForYear, double outcomeScore = 1) => terms.Regime switch
    {
        PaymentRegime.PaymentByResults => PaymentByResults(terms, activity, month),
        PaymentRegime.MarginalEmergencyRate => MarginalEmergency(terms, activity, month),
        PaymentRegime.Block or PaymentRegime.PersonalBudgets => Block(terms, month),
        PaymentRegime.Blended => Blended(terms, activity, month),
        PaymentRegime.Capitation => month == 12
            ? Money.Max(Money.Zero, MonthlySlice(terms.AnnualValue, month)
                + CapitationCorridor(terms.AnnualValue, providerCostForYear, terms.DeadBand, terms.SharedFraction, terms.CorridorCap, terms.StopLoss))
            : MonthlySlice(terms.AnnualValue, month),
        PaymentRegime.OutcomeBased => OutcomeBased(terms, month, outcomeScore),
        _ => throw new ArgumentOutOfRangeException(nameof(terms), terms.Regime, "Unknown payment regime."),
    };

    /// <summary>What one more elective case earns the provider under a regime: the signal providers respond to.</summary>
    public static Money MarginalElectivePayment(ContractTerms terms) => terms.Regime switch
    {
        PaymentRegime.PaymentByResults or PaymentRegime.MarginalEmergencyRate => terms.ElectivePrice,
        PaymentRegime.Blended => terms.ElectivePrice.Times(ElectiveRate(terms)),
        _ => Money.Zero,
    };

    /// <summary>
    /// What one emergency admission avoided saves its payer under a regime, which is what a commissioner weighs when it
    /// decides on prevention: the price under payment by results, r times price at the margin of a marginal rate, v times
    /// price under a blend, nothing under a block (until it is rebased) or capitation (the provider keeps that saving).
    /// </summary>
    public static Money CommissionerSavingPerAvoidedAdmission(PaymentRegime regime, Money emergencyPrice, double marginalEmergencyRate, double urgentVariableRate) => regime switch
    {
        PaymentRegime.PaymentByResults => emergencyPrice,
        PaymentRegime.MarginalEmergencyRate => emergencyPrice.Times(marginalEmergencyRate),
        PaymentRegime.Blended => emergencyPrice.Times(urgentVariableRate),
        _ => Money.Zero,
    };

    /// <summary>The quarter's slice (1 to 4) of an annual amount; four slices add up to it to the penny.</summary>
    public static Money QuarterlySlice(Money annual, int quarter)
    {
        if (quarter is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter));
        return new Money(checked(annual.Pence * quarter / 4 - annual.Pence * (quarter - 1) / 4));
    }

    /// <summary>Prices move each year by the cost uplift less the efficiency factor.</summary>
    public static Money UpliftPrice(Money price, decimal uplift, decimal efficiency) => price.Times(1m + uplift - efficiency);

    public static int MonthlyCount(int annual, int month) => (int)((long)annual * month / 12 - (long)annual * (month - 1) / 12);
}
