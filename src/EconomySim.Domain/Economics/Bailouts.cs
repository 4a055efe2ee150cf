namespace EconomySim.Domain.Economics;

/// <summary>The national funder's year-end response to deficits.</summary>
public static class Bailouts
{
    /// <summary>The chance a trust's deficit is covered rises with the deficit's size relative to turnover.</summary>
    public static double PerTrustProbability(Money deficit, Money turnover, double baseProbability, double perDeficitShare)
    {
        if (deficit <= Money.Zero) return 0;
        var share = turnover > Money.Zero ? (double)deficit.Pence / turnover.Pence : 1.0;
        return Math.Clamp(baseProbability + perDeficitShare * share, 0, 1);
    }

    /// <summary>
    /// System distress funding: a system shares one break-even duty, so surpluses elsewhere in it offset deficits first;
    /// only the system's net deficit is funded, shared among its trusts in deficit in proportion to their deficits.
    /// </summary>
    public static Money[] SystemDistress(IReadOnlyList<Money> trustSurpluses, Money commissionerSurplus)
    {
        var net = commissionerSurplus;
        foreach (var s in trustSurpluses) net += s;
        var grants = new Money[trustSurpluses.Count];
        if (net >= Money.Zero) return grants;
        var weights = trustSurpluses.Select(s => s < Money.Zero ? (double)-s.Pence : 0.0).ToArray();
        var totalDeficit = weights.Sum();
        if (totalDeficit <= 0) return grants;
        // A commissioner's own overspend can make the net deficit larger than the trusts'; distress funding covers trusts only.
        return MoneySplit.ByWeights(Money.Min(-net, new Money((long)totalDeficit)), weights);
    }
}
