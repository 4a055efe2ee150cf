namespace EconomySim.Domain.Economics;

/// <summary>
/// The prevention decision of DOMAIN.md: a budget holder invests when the share of future savings it keeps, over the
/// settlement horizon, discounted, beats the cost. Savings arrive only after the lag, and persist, because prevention
/// works through cumulative spend.
/// </summary>
public static class Prevention
{
    /// <summary>
    /// Emergency admissions avoided each year, once the lag has passed, by raising cumulative prevention spend per head
    /// from <paramref name="cumulativePerHead"/> by <paramref name="extraPerHead"/>, for a need-weighted population.
    /// </summary>
    public static double AvoidedAdmissionsPerYear(double weightedPopulation, double emergencyAdmissionsPerHead, double avoidableShare,
        double cumulativePerHead, double extraPerHead, double maxEffect, double poundsPerHeadForHalfEffect)
    {
        var before = CausalChannels.PreventionEffect(cumulativePerHead, maxEffect, poundsPerHeadForHalfEffect);
        var after = CausalChannels.PreventionEffect(cumulativePerHead + extraPerHead, maxEffect, poundsPerHeadForHalfEffect);
        return weightedPopulation * emergencyAdmissionsPerHead * avoidableShare * (after - before);
    }

    /// <summary>
    /// Present value of a saving that starts <paramref name="lagYears"/> after the spend and recurs every year up to the
    /// end of the horizon (years lag to horizon - 1, counting the spending year as 0), discounted at <paramref name="discountRate"/>.
    /// </summary>
    public static double KeptSavingsPresentValue(double annualSaving, int lagYears, int horizonYears, double discountRate)
    {
        double value = 0;
        for (var t = Math.Max(0, lagYears); t < horizonYears; t++)
            value += annualSaving / Math.Pow(1 + discountRate, t);
        return value;
    }

    /// <summary>Whether spending <paramref name="cost"/> now pays for the budget holder within its horizon.</summary>
    public static bool Pays(Money cost, double avoidedAdmissionsPerYear, Money keptSavingPerAdmission, int lagYears, int horizonYears, double discountRate)
    {
        if (cost <= Money.Zero || keptSavingPerAdmission <= Money.Zero) return false;
        var annual = avoidedAdmissionsPerYear * (double)keptSavingPerAdmission.Pounds;
        return KeptSavingsPresentValue(annual, lagYears, horizonYears, discountRate) > (double)cost.Pounds;
    }
}

/// <summary>How a commissioner's acute budget grows, and where growth goes when acute care is held flat in cash.</summary>
public static class BudgetPolicy
{
    /// <summary>
    /// Flat cash to acute (Cambridgeshire and Peterborough 2024-29): the acute budget is last year's plus inflation only.
    /// Whatever the allocation would have given acute care beyond that is released and returned as the second value;
    /// if the allocation grows less than inflation the acute budget follows the allocation down (nothing is released).
    /// </summary>
    public static (Money Acute, Money Released) FlatCashAcute(Money acuteFromShares, Money lastYearsAcute, decimal inflation)
    {
        var flat = lastYearsAcute.Times(1m + inflation);
        return acuteFromShares > flat ? (flat, acuteFromShares - flat) : (acuteFromShares, Money.Zero);
    }

    /// <summary>Released growth split between primary care, community services and prevention, to the penny.</summary>
    public static (Money Primary, Money Community, Money Prevention) SplitGrowth(Money released, double toPrimary, double toCommunity, double toPrevention)
    {
        var parts = MoneySplit.ByWeights(released, [toPrimary, toCommunity, toPrevention]);
        return (parts[0], parts[1], parts[2]);
    }
}

/// <summary>Control totals and the transformation money that depends on them.</summary>
public static class ControlTotals
{
    /// <summary>A body meets its control total when its surplus so far reaches the required share of its income so far.</summary>
    public static bool Met(Money surplusToDate, Money incomeToDate, double requiredSurplusShare) =>
        surplusToDate >= incomeToDate.Times(requiredSurplusShare);

    /// <summary>
    /// One quarter's transformation money for a body: the unconditional part always, the conditional part all or nothing
    /// on the control total. Returns (paid, withheld).
    /// </summary>
    public static (Money Paid, Money Withheld) Quarter(Money quarterAmount, double conditionalShare, bool controlTotalMet)
    {
        var conditional = quarterAmount.Times(conditionalShare);
        return controlTotalMet ? (quarterAmount, Money.Zero) : (quarterAmount - conditional, conditional);
    }
}
