namespace EconomySim.Designs;

public sealed record SecondOrderIndex(int First, int Second, IndexEstimate Index);

/// <summary>First-order and total indices per parameter; second-order ones for each pair when the design has them.</summary>
public sealed record SobolIndices(IReadOnlyList<IndexEstimate> FirstOrder, IReadOnlyList<IndexEstimate> Total, IReadOnlyList<SecondOrderIndex> SecondOrder);

/// <summary>
/// Variance-based sensitivity indices from outputs in the row order of <see cref="DesignSampler"/>'s Sobol design (as
/// SALib's sobol.analyze reads them). First order: Saltelli et al. 2010's estimator, mean(f(B)(f(AB^i) - f(A))) / V;
/// total: Jansen 1999 ("Analysis of variance designs for model output", Computer Physics Communications 117),
/// mean((f(A) - f(AB^i))^2) / 2V; second order: Saltelli 2002, mean(f(BA^j) f(AB^k) - f(A) f(B)) / V - S_j - S_k. V is
/// the variance of f(A) and f(B) together. Intervals resample the base samples.
/// </summary>
public static class SobolAnalysis
{
    public static SobolIndices Analyse(IReadOnlyList<double> outputs, int dimension, bool secondOrder, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(bootstrap);
        var block = secondOrder ? 2 * dimension + 2 : dimension + 2;
        if (dimension < 1 || outputs.Count == 0 || outputs.Count % block != 0)
            throw new ArgumentException($"a sobol design of {dimension} parameters has a multiple of {block} outputs, got {outputs.Count}", nameof(outputs));
        var n = outputs.Count / block;
        // Centred: the estimators' expectations are unchanged, but the first-order one multiplies f(B) by a difference,
        // so an uncentred outcome's mean scales its error (docs/MODEL.md, "Centred outputs").
        var centre = outputs.Average();
        var a = new double[n];
        var b = new double[n];
        var ab = new double[dimension, n];
        var ba = new double[dimension, n];
        for (var j = 0; j < n; j++)
        {
            a[j] = outputs[j * block] - centre;
            b[j] = outputs[j * block + block - 1] - centre;
            for (var i = 0; i < dimension; i++)
            {
                ab[i, j] = outputs[j * block + 1 + i] - centre;
                if (secondOrder) ba[i, j] = outputs[j * block + 1 + dimension + i] - centre;
            }
        }
        var pairs = new List<(int, int)>();
        if (secondOrder)
            for (var j = 0; j < dimension; j++)
                for (var k = j + 1; k < dimension; k++) pairs.Add((j, k));

        double[] Statistic(int[] rows)
        {
            var values = new double[2 * dimension + pairs.Count];
            var variance = Variance(rows, a, b);
            // Without variance in f(A) and f(B) there is nothing to apportion: the indices are undefined, not zero.
            if (variance <= 0) return Array.ConvertAll(values, _ => double.NaN);
            var first = new double[dimension];
            for (var i = 0; i < dimension; i++)
            {
                double s1 = 0, st = 0;
                foreach (var r in rows)
                {
                    s1 += b[r] * (ab[i, r] - a[r]);
                    st += (a[r] - ab[i, r]) * (a[r] - ab[i, r]);
                }
                first[i] = s1 / rows.Length / variance;
                values[i] = first[i];
                values[dimension + i] = st / rows.Length / (2 * variance);
            }
            for (var p = 0; p < pairs.Count; p++)
            {
                var (j, k) = pairs[p];
                double vjk = 0;
                foreach (var r in rows) vjk += ba[j, r] * ab[k, r] - a[r] * b[r];
                values[2 * dimension + p] = vjk / rows.Length / variance - first[j] - first[k];
            }
            return values;
        }

        var estimates = Bootstrap.Intervals(n, Statistic, bootstrap);
        return new SobolIndices(estimates[..dimension], estimates[dimension..(2 * dimension)],
            pairs.Select((p, index) => new SecondOrderIndex(p.Item1, p.Item2, estimates[2 * dimension + index])).ToList());
    }

    // The population variance of f(A) and f(B) pooled, as SALib normalises.
    private static double Variance(int[] rows, double[] a, double[] b)
    {
        double sum = 0;
        foreach (var r in rows) sum += a[r] + b[r];
        var mean = sum / (2.0 * rows.Length);
        double squares = 0;
        foreach (var r in rows) squares += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean);
        return squares / (2.0 * rows.Length);
    }
}
