namespace EconomySim.Designs;

/// <summary>
/// How much of the spread of an outcome across design points the replications' own noise could make. Replications is
/// the number per point; NoiseVariance the noise that moves one point's runs against another's; Between the sample
/// variance of the point means; Share = NoiseVariance / Between. The indices are computed on the point means, whose
/// noise variance is NoiseVariance / Replications: when Share is near or above 1, noise, not the parameters, drives
/// much of what the indices apportion. Share is NaN with one replication per point (no noise to measure).
/// </summary>
/// <remarks>
/// Replication r runs with the same seed at every point (common random numbers), so a shock that seed gives every point
/// alike moves no point against another and adds nothing to the indices' error. The noise is therefore the residual
/// mean square of a two-way analysis of variance of point by replication (the interaction, with (P-1)(R-1) degrees of
/// freedom), not the plain variance within a point, which would count the common shock too. With independent seeds
/// the two agree in expectation.
/// </remarks>
public sealed record ReplicationNoise(int Replications, double NoiseVariance, double BetweenPointVariance, double Share)
{
    /// <summary>The point means (in design order) and the noise beside them.</summary>
    /// <param name="replicationsByPoint">Each point's outcomes in replication order (the r-th of every point ran with the same seed).</param>
    public static (double[] Means, ReplicationNoise Noise) Summarise(IReadOnlyList<IReadOnlyList<double>> replicationsByPoint)
    {
        ArgumentNullException.ThrowIfNull(replicationsByPoint);
        if (replicationsByPoint.Count == 0 || replicationsByPoint.Any(r => r.Count == 0))
            throw new ArgumentException("every design point needs at least one replication", nameof(replicationsByPoint));
        var means = replicationsByPoint.Select(r => r.Average()).ToArray();
        var replications = replicationsByPoint.Min(r => r.Count);
        var noise = replications > 1 && means.Length > 1 && replicationsByPoint.All(r => r.Count == replications)
            ? InteractionMeanSquare(replicationsByPoint, means, replications)
            : double.NaN;
        var between = means.Length > 1 ? MathNet.Numerics.Statistics.Statistics.Variance(means) : double.NaN;
        var share = double.IsNaN(noise) || double.IsNaN(between) ? double.NaN
            : between > 0 ? noise / between
            : noise > 0 ? double.PositiveInfinity : 0;
        return (means, new ReplicationNoise(replications, noise, between, share));
    }

    private static double InteractionMeanSquare(IReadOnlyList<IReadOnlyList<double>> byPoint, double[] pointMeans, int replications)
    {
        var points = byPoint.Count;
        var replicationMeans = Enumerable.Range(0, replications).Select(r => byPoint.Average(p => p[r])).ToArray();
        var grand = pointMeans.Average();
        var sum = 0.0;
        for (var p = 0; p < points; p++)
            for (var r = 0; r < replications; r++)
            {
                var residual = byPoint[p][r] - pointMeans[p] - replicationMeans[r] + grand;
                sum += residual * residual;
            }
        return sum / ((points - 1) * (replications - 1));
    }
}
