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
}
