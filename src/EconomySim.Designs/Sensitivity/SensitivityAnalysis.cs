namespace EconomySim.Designs;

/// <summary>
/// One parameter's sensitivity to one outcome: Sobol indices for a Sobol design, Morris measures for a Morris design,
/// and the standardised regression coefficient for any design.
/// </summary>
public sealed record ParameterSensitivity(
    int Parameter, IndexEstimate? FirstOrder, IndexEstimate? Total, MorrisIndex? Morris, IndexEstimate Regression)
{
    /// <summary>What the parameters are ranked by: total index, mu*, or the coefficient's size, by design.</summary>
    public double Importance => Total?.Value ?? Morris?.MuStar.Value ?? Math.Abs(Regression.Value);
}

/// <summary>
/// An outcome's sensitivity to every parameter of a design, with the replications' noise beside it and the point means
/// the indices were computed on (in the design's order).
/// </summary>
public sealed record SensitivityReport(
    DesignMethod Method, IReadOnlyList<ParameterSensitivity> Parameters, IReadOnlyList<SecondOrderIndex> SecondOrder,
    double RSquared, ReplicationNoise Noise, BootstrapOptions Bootstrap, IReadOnlyList<double> PointMeans)
{
    /// <summary>Parameters from most to least important (ties keep the design's order).</summary>
    public IReadOnlyList<ParameterSensitivity> Ranked =>
        Parameters.OrderByDescending(p => double.IsNaN(p.Importance) ? double.NegativeInfinity : p.Importance).ToList();
}

/// <summary>The analysis a design supports, on the mean over replications at each design point.</summary>
public static class SensitivityAnalysis
{
    /// <param name="design">The request the rows were sampled from.</param>
    /// <param name="unitRows">The design's rows in the unit cube, in the sampler's order.</param>
    /// <param name="values">The parameters' values at each row (what the regression reads).</param>
    /// <param name="replicationsByPoint">The outcome of every replication at each row.</param>
    public static SensitivityReport Analyse(DesignRequest design, IReadOnlyList<double[]> unitRows, IReadOnlyList<double[]> values,
        IReadOnlyList<IReadOnlyList<double>> replicationsByPoint, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(unitRows);
        ArgumentNullException.ThrowIfNull(values);
        if (unitRows.Count != values.Count || unitRows.Count != replicationsByPoint.Count)
            throw new ArgumentException($"each of the {unitRows.Count} design rows needs its values and its outcomes; got {values.Count} and {replicationsByPoint.Count}", nameof(replicationsByPoint));
        var (means, noise) = ReplicationNoise.Summarise(replicationsByPoint);
        var regression = StandardisedRegression.Analyse(values, means, bootstrap);
        var sobol = design.Method == DesignMethod.Sobol ? SobolAnalysis.Analyse(means, design.Dimension, design.SecondOrder, bootstrap) : null;
        var morris = design.Method == DesignMethod.Morris ? MorrisAnalysis.Analyse(unitRows, means, design.Dimension, bootstrap) : null;
        var parameters = Enumerable.Range(0, design.Dimension).Select(i => new ParameterSensitivity(
            i, sobol?.FirstOrder[i], sobol?.Total[i], morris?[i], regression.Coefficients[i])).ToList();
        return new SensitivityReport(design.Method, parameters, sobol?.SecondOrder ?? [], regression.RSquared, noise, bootstrap, means);
    }
}
