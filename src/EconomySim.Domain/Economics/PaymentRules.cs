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
        static long Cumulative(long total, int months) => (long)(total * (decimal)months / 12m);
    }

    public static Money TariffValue(ContractTerms terms, int elective, int emergency, int aandE) =>
        new(checked(terms.ElectivePrice.Pence * elective + terms.EmergencyPrice.Pence * emergency + terms.AandEPrice.Pence * aandE));

    /// <summary>Payment by results: every case at its price, plus the block for services not paid by case.</summary>
    public static Money PaymentByResults(ContractTerms terms, ActivityReport activity, int month) =>
        MonthlySlice(terms.OtherServicesValue, month) + TariffValue(terms, activity.ElectiveTreated, activity.EmergencyAdmissions, activity.AandEAttendances);

    /// <summary>Block: a twelfth of the agreed value, whatever the activity.</summary>
    public static Money Block(ContractTerms terms, int month) => MonthlySlice(terms.AnnualValue, month);

    /// <summary>
    /// Blended (aligned payment and incentive): the fixed twelfth plus v times the tariff value of activity above or below
    /// a twelfth of plan, in both directions; never below nothing.
    /// </summary>
    public static Money Blended(ContractTerms terms, ActivityReport activity, int month)
    {
        var fixedPart = MonthlySlice(terms.AnnualValue, month);
        var plannedElective = MonthlyCount(terms.PlannedElective, month);
        var plannedEmergency = MonthlyCount(terms.PlannedEmergency, month);
        var plannedAandE = MonthlyCount(terms.PlannedAandE, month);
        var deviation = TariffValue(terms, activity.ElectiveTreated - plannedElective, activity.EmergencyAdmissions - plannedEmergency, activity.AandEAttendances - plannedAandE);
        return Money.Max(Money.Zero, fixedPart + deviation.Times(terms.VariableRate));
    }

    /// <summary>
    /// Capitation's year-end risk corridor: overspend or underspend within the dead band stays with the provider; beyond it
    /// the commissioner takes the shared fraction (positive: the commissioner pays more; negative: it pays less).
    /// </summary>
    public static Money CapitationCorridor(Money annualValue, Money providerCost, double deadBand, double sharedFraction)
    {
        var variance = providerCost - annualValue;
        var band = annualValue.Times(deadBand);
        if (variance > band) return (variance - band).Times(sharedFraction);
        if (variance < -band) return (variance + band).Times(sharedFraction);
        return Money.Zero;
    }

    /// <summary>The month's payment for a contract line under its regime. Capitation settles its corridor in month 12.</summary>
    public static Money Monthly(ContractTerms terms, ActivityReport activity, int month, Money providerCostForYear) => terms.Regime switch
    {
        PaymentRegime.PaymentByResults => PaymentByResults(terms, activity, month),
        PaymentRegime.Block => Block(terms, month),
        PaymentRegime.Blended => Blended(terms, activity, month),
        PaymentRegime.Capitation => month == 12
            ? Money.Max(Money.Zero, MonthlySlice(terms.AnnualValue, month) + CapitationCorridor(terms.AnnualValue, providerCostForYear, terms.DeadBand, terms.SharedFraction))
            : MonthlySlice(terms.AnnualValue, month),
        _ => throw new ArgumentOutOfRangeException(nameof(terms), terms.Regime, "Unknown payment regime."),
    };

    /// <summary>What one more elective case earns the provider under a regime: the signal providers respond to.</summary>
    public static Money MarginalElectivePayment(ContractTerms terms) => terms.Regime switch
    {
        PaymentRegime.PaymentByResults => terms.ElectivePrice,
        PaymentRegime.Blended => terms.ElectivePrice.Times(terms.VariableRate),
        _ => Money.Zero,
    };

    /// <summary>Prices move each year by the cost uplift less the efficiency factor.</summary>
    public static Money UpliftPrice(Money price, decimal uplift, decimal efficiency) => price.Times(1m + uplift - efficiency);

    public static int MonthlyCount(int annual, int month) => (int)((long)annual * month / 12 - (long)annual * (month - 1) / 12);
}
