namespace EconomySim.Domain.Economics;

/// <summary>Weighted-capitation allocation from the national funder to commissioners.</summary>
public static class Allocation
{
    /// <summary>Target shares: population times need, normalised.</summary>
    public static double[] TargetShares(IReadOnlyList<CommissionerProfile> commissioners)
    {
        var weights = new double[commissioners.Count];
        double total = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = commissioners[i].Population * commissioners[i].NeedIndex;
            total += weights[i];
        }
        for (var i = 0; i < weights.Length; i++) weights[i] /= total;
        return weights;
    }

    /// <summary>Pace of change: each share closes a fraction of its distance to target; the result still sums to 1.</summary>
    public static double[] MoveTowardsTarget(IReadOnlyList<double> current, IReadOnlyList<double> target, double pace)
    {
        var next = new double[current.Count];
        double total = 0;
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = current[i] + pace * (target[i] - current[i]);
            total += next[i];
        }
        for (var i = 0; i < next.Length; i++) next[i] /= total;
        return next;
    }

    public static double LargestDistance(IReadOnlyList<double> current, IReadOnlyList<double> target)
    {
        double largest = 0;
        for (var i = 0; i < current.Count; i++) largest = Math.Max(largest, Math.Abs(current[i] - target[i]) / target[i]);
        return largest;
    }

    /// <summary>
    /// The pump prime paid in a year of the run: the amount in force when it first appears (the first year, or the year a
    /// policy change brings it), in equal parts to the penny over the years set then. Up-front money for a deal is paid
    /// as the deal's years run, so it neither falls away after one year nor arrives before the deal.
    /// </summary>
    /// <param name="funderByYear">The funder's parameters in force in each year of the run, first year first.</param>
    public static Money PumpPrimeInYear(IReadOnlyList<FunderParameters> funderByYear, int yearIndex)
    {
        var start = -1;
        for (var y = 0; y < funderByYear.Count && start < 0; y++)
            if (funderByYear[y].PumpPrimeFunding > Money.Zero) start = y;
        if (start < 0 || yearIndex < start) return Money.Zero;
        var (total, years) = (funderByYear[start].PumpPrimeFunding, Math.Max(1, funderByYear[start].PumpPrimeYears));
        var k = yearIndex - start;
        if (k >= years) return Money.Zero;
        return new Money(total.Pence / years + (k < total.Pence % years ? 1 : 0));
    }
}
