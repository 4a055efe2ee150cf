using MathNet.Numerics.Distributions;

namespace EconomySim.History;

/// <summary>A sample's mean with a 95% confidence interval from the t distribution.</summary>
public sealed record Estimate(int Count, double Mean, double StandardDeviation, double Lower, double Upper)
{
    public double HalfWidth => (Upper - Lower) / 2;
}

/// <summary>
/// The statistics of an experiment, as pure functions: means with 95% confidence intervals over replications, and paired
/// differences between variants run with common random numbers (replication r of each variant shares its seed, so the
/// difference within a pair removes the noise both share).
/// </summary>
public static class Statistics
{
    /// <summary>The two-sided 97.5% quantile of Student's t with <paramref name="degreesOfFreedom"/>, from Math.NET Numerics.</summary>
    public static double TQuantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);
    }

    /// <summary>Mean, sample standard deviation and the 95% t interval of the mean. One value gives a zero-width interval.</summary>
    public static Estimate Describe(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        var n = values.Count;
        var mean = values.Average();
        if (n == 1) return new Estimate(1, mean, 0, mean, mean);
        var sumSquares = values.Sum(v => (v - mean) * (v - mean));
        var sd = Math.Sqrt(sumSquares / (n - 1));
        var half = TQuantile975(n - 1) * sd / Math.Sqrt(n);
        return new Estimate(n, mean, sd, mean - half, mean + half);
    }

    /// <summary>The paired differences a[r] - b[r] over replications, described with their 95% t interval.</summary>
    public static Estimate PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"Paired samples must have the same length ({a.Count} and {b.Count}).", nameof(b));
        return Describe(a.Zip(b, (x, y) => x - y).ToList());
    }

    /// <summary>
    /// The mean with a 95% bootstrap percentile interval (Efron and Tibshirani, An Introduction to the Bootstrap, 1993,
    /// ch. 13): the 2.5th and 97.5th percentiles of the means of <paramref name="resamples"/> resamples drawn with
    /// replacement. The interval lies within the sample's range, so a quantity that cannot be negative never gets a
    /// negative end, as a t interval can for small counts. The resampling is seeded, so a report is the same each time.
    /// </summary>
    public static Estimate BootstrapPercentile(IReadOnlyList<double> values, int resamples = 2000, int seed = 2016)
    {
        var t = Describe(values);
        if (values.Count == 1) return t;
        var random = new Random(seed);
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Count; i++) sum += values[random.Next(values.Count)];
            means[b] = sum / values.Count;
        }
        Array.Sort(means);
        return t with { Lower = Percentile(means, 0.025), Upper = Percentile(means, 0.975) };
    }

    /// <summary>Linear interpolation between the closest ranks of a sorted sample.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// Whether the paired difference shows the expected direction at 95%: for "lower" the whole interval is below zero,
    /// for "higher" the whole interval is above it. An interval that touches zero does not pass.
    /// </summary>
    public static bool ShowsDirection(Estimate difference, bool lower) => lower ? difference.Upper < 0 : difference.Lower > 0;
}
