namespace EconomySim.Designs.Calibration;

/// <summary>
/// One observed quantity the simulator should reproduce: the observation <see cref="Observed"/>, the variance of the
/// observation error about the true value (<see cref="ObservationVariance"/>, V_obs) and the variance of the model
/// discrepancy (<see cref="DiscrepancyVariance"/>, V_md): how far the best model run may sit from reality because the
/// model is a simplification (Vernon, Goldstein and Bower 2010, section 3.1).
/// </summary>
public sealed record CalibrationTarget(string Name, double Observed, double ObservationVariance, double DiscrepancyVariance = 0)
{
    /// <summary>Null when the target can be used, else why not.</summary>
    public string? Problem() =>
        !double.IsFinite(Observed) ? $"target {Name}: the observed value must be a finite number"
        : !(ObservationVariance >= 0) || !double.IsFinite(ObservationVariance) ? $"target {Name}: the observation variance must be a finite number at least 0"
        : !(DiscrepancyVariance >= 0) || !double.IsFinite(DiscrepancyVariance) ? $"target {Name}: the model discrepancy variance must be a finite number at least 0"
        : ObservationVariance + DiscrepancyVariance <= 0 ? $"target {Name}: observation and model discrepancy variance are both 0, so no distance from it can be judged"
        : null;

    /// <summary>The scale of a miss, used to put targets of different units on one footing in an ABC distance.</summary>
    public double Scale => Math.Sqrt(ObservationVariance + DiscrepancyVariance);
}

/// <summary>
/// What the simulator gave at one point: for each target (in the order of the targets), the value of each replication.
/// Replications at different points share their seeds (common random numbers), so differences between points are the
/// parameters' doing rather than the noise's.
/// </summary>
public sealed record PointRuns(IReadOnlyList<double[]> ByTarget);

/// <summary>A batch of points evaluated together, so a caller can run them in parallel (or on a cluster).</summary>
/// <param name="unitPoints">Points in [0,1]^D; the caller maps each coordinate through its parameter's quantile function.</param>
/// <param name="round">The wave (history matching) or generation (ABC), from 1, and the batch within it from 1, for naming runs.</param>
public delegate Task<IReadOnlyList<PointRuns>> BatchSimulator(IReadOnlyList<double[]> unitPoints, CalibrationRound round, CancellationToken cancellationToken);

/// <param name="Number">The wave or generation, from 1.</param>
/// <param name="Batch">The batch within it, from 1 (ABC may need several batches to accept enough particles).</param>
public sealed record CalibrationRound(int Number, int Batch);

/// <summary>Mean and variance over replications, per target.</summary>
public static class Replications
{
    public static double Mean(double[] values) => values.Length == 0 ? double.NaN : values.Average();

    /// <summary>Sample variance (n - 1 in the denominator); 0 for a single replication, which then carries no noise estimate.</summary>
    public static double Variance(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = Mean(values);
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
