namespace EconomySim.Domain.Economics;

/// <summary>
/// A pay award above what the settlement allowed for is funded by adding to allocations, as NHS England did for the
/// awards of 2021/22 to 2024/25: the excess on pay's share of cost, kept in later years' allocations.
/// </summary>
public static class PayAwardFunding
{
    /// <summary>The addition to allocations this year as a share of them: the award's excess over the settlement times pay's share of cost.</summary>
    public static double AdditionRate(TrustParameters trusts, FunderParameters funder) =>
        funder.PayAwardInSettlement is { } allowed && trusts.PayAward is { } award && award > allowed
            ? (award - allowed) * trusts.PayShareOfCost
            : 0;
}
