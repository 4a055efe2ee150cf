namespace EconomySim.Designs;

/// <summary>
/// How much of the spread of an outcome across design points the replications' own noise could make. Replications is
/// the number per point; WithinPointVariance the mean over points of the replications' sample variance; Between the
/// sample variance of the point means; Share = Within / Between. The indices are computed on the point means, whose
/// noise variance is Within / Replications: when Share is near or above 1, noise, not the parameters, drives much of
/// what the indices apportion. Share is NaN with one replication per point (no noise to measure).
/// </summary>
public sealed record ReplicationNoise(int Replications, double WithinPointVariance, double BetweenPointVariance, double Share)
{
    /// <summary>The point means (in design order) and the noise beside them.</summary>
    public static (double[] Means, ReplicationNoise Noise) Summarise(IReadOnlyList<IReadOnlyList<double>> replicationsByPoint)
    {
        ArgumentNullException.ThrowIfNull(replicationsByPoint);
        if (replicationsByPoint.Count == 0 || replicationsByPoint.Any(r => r.Count == 0))
            throw new ArgumentException("every design point needs at least one replication", nameof(replicationsByPoint));
        var means = replicationsByPoint.Select(r => r.Average()).ToArray();
        var replications = replicationsByPoint.Min(r => r.Count);
        var within = replicationsByPoint.All(r => r.Count > 1)
            ? replicationsByPoint.Average(r => MathNet.Numerics.Statistics.Statistics.Variance(r))
            : double.NaN;
        var between = means.Length > 1 ? MathNet.Numerics.Statistics.Statistics.Variance(means) : double.NaN;
        var share = double.IsNaN(within) || double.IsNaN(between) ? double.NaN
            : between > 0 ? within / between
            : within > 0 ? double.PositiveInfinity : 0;
        return (means, new ReplicationNoise(replications, within, between, share));
    }
}
