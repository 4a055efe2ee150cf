using MathNet.Numerics.Statistics;

namespace EconomySim.Designs;

/// <summary>An index and its bootstrap interval.</summary>
public sealed record IndexEstimate(double Value, double Lower, double Upper);

/// <summary>How intervals are drawn: resamples of the base samples, their seed, and the confidence level.</summary>
public sealed record BootstrapOptions(int Resamples = 1000, long Seed = 1, double Confidence = 0.95);

/// <summary>
/// Percentile bootstrap (Efron and Tibshirani 1993, An Introduction to the Bootstrap): the statistic is recomputed on
/// resamples drawn with replacement from the independent units (base samples, trajectories or rows) and the interval is
/// the central share of the recomputed values.
/// </summary>
internal static class Bootstrap
{
    /// <summary>
    /// For a statistic giving several values from one resample (e.g. one index per parameter), the estimate on all
    /// units and the interval of each value.
    /// </summary>
    public static IndexEstimate[] Intervals(int units, Func<int[], double[]> statistic, BootstrapOptions options)
    {
        var all = statistic(Enumerable.Range(0, units).ToArray());
        var random = SeededRandom.For(options.Seed);
        var draws = new double[all.Length][];
        for (var k = 0; k < all.Length; k++) draws[k] = new double[options.Resamples];
        var resample = new int[units];
        for (var b = 0; b < options.Resamples; b++)
        {
            for (var u = 0; u < units; u++) resample[u] = random.Next(units);
            var values = statistic(resample);
            for (var k = 0; k < all.Length; k++) draws[k][b] = values[k];
        }
        var tail = (1 - options.Confidence) / 2;
        return all.Select((value, k) =>
        {
            var finite = draws[k].Where(double.IsFinite).ToArray();
            return finite.Length == 0
                ? new IndexEstimate(value, double.NaN, double.NaN)
                : new IndexEstimate(value, finite.Quantile(tail), finite.Quantile(1 - tail));
        }).ToArray();
    }
}
