using MathNet.Numerics.Distributions;

namespace EconomySim.History;

/// <summary>A mean with its 95% confidence interval (t distribution); the interval is empty for a single value.</summary>
public sealed record Estimate(decimal Mean, decimal? Low, decimal? High, int N)
{
    public bool Excludes(decimal value) => Low is { } low && High is { } high && (value < low || value > high);
}

/// <summary>The statistics researchers compare runs with: means, 95% intervals, and paired differences.</summary>
public static class Statistics
{
    public static Estimate MeanWithInterval(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var mean = values.Average();
        if (values.Count < 2) return new Estimate(mean, null, null, values.Count);
        var variance = values.Sum(v => (double)((v - mean) * (v - mean))) / (values.Count - 1);
        var half = (decimal)(StudentT.InvCDF(0, 1, values.Count - 1, 0.975) * Math.Sqrt(variance / values.Count));
        return new Estimate(mean, mean - half, mean + half, values.Count);
    }

    /// <summary>
    /// The difference of B from A over replications paired by their seed (common random numbers): the mean of the
    /// per-replication differences with its interval, which is far tighter than comparing two independent means.
    /// </summary>
    public static Estimate PairedDifference(IReadOnlyDictionary<long, decimal> a, IReadOnlyDictionary<long, decimal> b)
    {
        var shared = a.Keys.Intersect(b.Keys).Order().ToList();
        if (shared.Count == 0) throw new ArgumentException("No replications share a seed.", nameof(b));
        return MeanWithInterval(shared.Select(seed => b[seed] - a[seed]).ToList());
    }
}
