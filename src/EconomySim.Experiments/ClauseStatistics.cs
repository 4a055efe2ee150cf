using EconomySim.History;
using MathNet.Numerics.Distributions;

namespace EconomySim.Experiments;

/// <summary>
/// An equivalence test: the paired difference with its 95% interval, the 90% interval the two one-sided tests use, and
/// the margin in the outcome's units.
/// </summary>
public sealed record EquivalenceTest(Estimate Difference, double Lower90, double Upper90, double Margin, bool Passed);

/// <summary>The statistics behind the expectation clauses other than a direction of effect, as pure functions.</summary>
public static class ClauseStatistics
{
    /// <summary>
    /// Two one-sided tests (Schuirmann 1987, "A comparison of the two one-sided tests procedure and the power approach
    /// for assessing the equivalence of average bioavailability", J Pharmacokinet Biopharm 15:657-680) on paired
    /// differences: the mean difference is shown to lie within ±<paramref name="margin"/> at the 5% level when the
    /// 90% t interval lies wholly inside the margin. An interval that touches the margin does not pass.
    /// </summary>
    public static EquivalenceTest Equivalence(IReadOnlyList<double> differences, double margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(margin);
        var d = Statistics.Describe(differences);
        var half = d.Count > 1 ? StudentT.InvCDF(0, 1, d.Count - 1, 0.95) * d.StandardDeviation / Math.Sqrt(d.Count) : 0;
        var (lower, upper) = (d.Mean - half, d.Mean + half);
        return new EquivalenceTest(d, lower, upper, margin, lower > -margin && upper < margin);
    }

    /// <summary>
    /// A trend across an ordered list of variants run with common random numbers: in each replication, the least-squares
    /// slope of the outcome on the variant's position (0, 1, 2, ...), then the mean slope over replications with its 95%
    /// t interval, so the noise the variants share within a replication drops out as it does in a paired difference.
    /// </summary>
    /// <param name="byVariant">Outcomes per variant (in order), each per replication (in seed order).</param>
    public static Estimate TrendAcross(IReadOnlyList<IReadOnlyList<double>> byVariant)
    {
        ArgumentNullException.ThrowIfNull(byVariant);
        if (byVariant.Count < 2) throw new ArgumentException("A trend needs at least two variants.", nameof(byVariant));
        var replications = byVariant[0].Count;
        if (byVariant.Any(v => v.Count != replications)) throw new ArgumentException("Every variant needs the same replications.", nameof(byVariant));
        var positions = Enumerable.Range(0, byVariant.Count).Select(k => (double)k).ToArray();
        var slopes = Enumerable.Range(0, replications).Select(r => LeastSquaresSlope(positions, byVariant.Select(v => v[r]).ToArray())).ToList();
        return Statistics.Describe(slopes);
    }

    /// <summary>
    /// The least-squares slope of <paramref name="y"/> on <paramref name="x"/> within groups (replications sharing a seed:
    /// each group's own mean is taken out of x and y, a fixed effect per replication), with its 95% t interval on
    /// n - groups - 1 degrees of freedom. <see cref="Estimate.StandardDeviation"/> holds the slope's standard error.
    /// </summary>
    public static Estimate SlopeWithinGroups(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<long> groups)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(groups);
        if (x.Count != y.Count || x.Count != groups.Count) throw new ArgumentException("x, y and groups must have the same length.", nameof(y));
        var xc = Centred(x, groups);
        var yc = Centred(y, groups);
        var sxx = xc.Sum(v => v * v);
        if (sxx == 0) throw new ArgumentException("x does not vary within any group, so it has no slope.", nameof(x));
        var slope = xc.Zip(yc, (a, b) => a * b).Sum() / sxx;
        var degrees = x.Count - groups.Distinct().Count() - 1;
        if (degrees < 1) return new Estimate(x.Count, slope, 0, slope, slope);
        var residual = xc.Zip(yc, (a, b) => b - slope * a).Sum(e => e * e) / degrees;
        var standardError = Math.Sqrt(residual / sxx);
        var half = Statistics.TQuantile975(degrees) * standardError;
        return new Estimate(x.Count, slope, standardError, slope - half, slope + half);
    }

    private static double LeastSquaresSlope(double[] x, double[] y) => MathNet.Numerics.LinearRegression.SimpleRegression.Fit(x, y).B;

    private static double[] Centred(IReadOnlyList<double> values, IReadOnlyList<long> groups)
    {
        var means = values.Select((v, i) => (Value: v, Group: groups[i])).GroupBy(p => p.Group).ToDictionary(g => g.Key, g => g.Average(p => p.Value));
        return values.Select((v, i) => v - means[groups[i]]).ToArray();
    }
}
