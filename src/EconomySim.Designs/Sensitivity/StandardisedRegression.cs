using MathNet.Numerics.LinearAlgebra;

namespace EconomySim.Designs;

/// <summary>Standardised regression coefficients, one per parameter with a bootstrap interval, and the fit's R².</summary>
public sealed record RegressionSensitivity(IReadOnlyList<IndexEstimate> Coefficients, double RSquared);

/// <summary>
/// Standardised regression coefficients (Saltelli, Chan and Scott, eds., 2000, Sensitivity Analysis, Wiley): the
/// output and every parameter are centred and scaled to unit standard deviation and the output is fitted by least
/// squares on the parameters; a coefficient is the change in the output, in its standard deviations, for one standard
/// deviation of the parameter. They tell a linear model's story only as far as R² is near 1. Intervals resample rows.
/// </summary>
public static class StandardisedRegression
{
    public static RegressionSensitivity Analyse(IReadOnlyList<double[]> inputs, IReadOnlyList<double> outputs, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(bootstrap);
        if (inputs.Count != outputs.Count || inputs.Count == 0)
            throw new ArgumentException($"one output per input row is needed; got {inputs.Count} rows and {outputs.Count} outputs", nameof(outputs));
        var dimension = inputs[0].Length;
        var coefficients = Bootstrap.Intervals(inputs.Count, rows => Fit(inputs, outputs, rows, dimension).Coefficients, bootstrap);
        return new RegressionSensitivity(coefficients, Fit(inputs, outputs, Enumerable.Range(0, inputs.Count).ToArray(), dimension).RSquared);
    }

    // A parameter that does not vary in the rows gives coefficient 0: it explains nothing here. Rows that cannot
    // separate the parameters (too few, or collinear in a resample) give no coefficients at all (NaN). The normal
    // equations of standardised columns are the correlation matrix, well conditioned unless parameters are collinear,
    // and are solved once per bootstrap resample without forming the rows again.
    private static (double[] Coefficients, double RSquared) Fit(IReadOnlyList<double[]> inputs, IReadOnlyList<double> outputs, int[] rows, int dimension)
    {
        var y = Standardise(rows.Select(r => outputs[r]).ToArray());
        var columns = Enumerable.Range(0, dimension).Select(d => Standardise(rows.Select(r => inputs[r][d]).ToArray())).ToArray();
        var used = Enumerable.Range(0, dimension).Where(d => columns[d] is not null).ToArray();
        var coefficients = new double[dimension];
        if (y is null || used.Length == 0) return (coefficients, 0);
        if (rows.Length <= used.Length) return (Unfitted(dimension), double.NaN);
        var k = used.Length;
        var xtx = Matrix<double>.Build.Dense(k, k);
        var xty = Vector<double>.Build.Dense(k);
        for (var p = 0; p < k; p++)
        {
            var cp = columns[used[p]]!;
            xty[p] = Dot(cp, y);
            for (var q = 0; q <= p; q++) xtx[p, q] = xtx[q, p] = Dot(cp, columns[used[q]]!);
        }
        var fitted = xtx.Solve(xty);
        if (!fitted.All(double.IsFinite) || xtx.Determinant() <= 1e-12 * Math.Pow(rows.Length, k)) return (Unfitted(dimension), double.NaN);
        for (var p = 0; p < k; p++) coefficients[used[p]] = fitted[p];
        // For the least-squares fit the explained sum of squares is b'X'y; y'y is the number of rows for a standardised y.
        return (coefficients, fitted.DotProduct(xty) / rows.Length);
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double[] Unfitted(int dimension) => Enumerable.Repeat(double.NaN, dimension).ToArray();

    private static double[]? Standardise(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return sd > 0 && double.IsFinite(sd) ? values.Select(v => (v - mean) / sd).ToArray() : null;
    }
}
