namespace EconomySim.Domain.Economics;

/// <summary>The causal channels of DOMAIN.md, each a small function whose direction the tests check.</summary>
public static class CausalChannels
{
    /// <summary>
    /// Social care supply to delayed discharges: the social-care part of delays (about 37%) scales with supply to the
    /// power of minus the elasticity (10% more care beds, about 7.5% fewer social-care delays); the NHS part does not move.
    /// </summary>
    public static double DelayedDischargeBedDays(double bedDays, double delayedShareAtBase, double socialCareShareOfDelays, double supplyRatio, double elasticity)
    {
        var ratio = Math.Max(supplyRatio, 0.05);
        var delayed = bedDays * delayedShareAtBase * ((1 - socialCareShareOfDelays) + socialCareShareOfDelays * Math.Pow(ratio, -elasticity));
        return Math.Min(delayed, bedDays);
    }

    /// <summary>
    /// GP access to A&amp;E: a share of unplanned attendances (about a quarter) follows a failed attempt to see a GP, so that
    /// share moves with the failure rate relative to its level at base.
    /// </summary>
    public static double AandEAttendances(double baseAttendances, double shareAfterFailedAccess, double failureRate, double baseFailureRate)
    {
        var accessTerm = baseFailureRate > 0 ? failureRate / baseFailureRate : 1.0 + failureRate;
        return baseAttendances * ((1 - shareAfterFailedAccess) + shareAfterFailedAccess * accessTerm);
    }

    /// <summary>
    /// Prevention to avoidable admissions: the share of avoidable admissions removed, rising with cumulative prevention
    /// spend per head (spent at least the lag ago) towards a ceiling, half of it at the half-effect spend.
    /// </summary>
    public static double PreventionEffect(double cumulativePoundsPerHead, double maxEffect, double poundsPerHeadForHalfEffect)
    {
        if (cumulativePoundsPerHead <= 0) return 0;
        return maxEffect * cumulativePoundsPerHead / (cumulativePoundsPerHead + poundsPerHeadForHalfEffect);
    }

    /// <summary>
    /// Occupancy to A&amp;E waits: when the beds that emergency and delayed patients need press on what a trust can use,
    /// admitted patients wait in the department for a bed (exit block) and four-hour performance falls; a logistic in
    /// that pressure, with its log-odds at exactly the occupancy target and a slope per unit over it.
    /// </summary>
    public static double AandEWithinFourHours(double nonElectiveOccupancy, double logitAtTarget, double slope) =>
        1 / (1 + Math.Exp(-(logitAtTarget - slope * (nonElectiveOccupancy - 1))));
}
