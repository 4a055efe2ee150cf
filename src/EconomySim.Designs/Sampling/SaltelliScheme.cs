namespace EconomySim.Designs;

/// <summary>
/// Saltelli's cross-sampling for Sobol indices (Saltelli 2002, "Making best use of model evaluations to compute
/// sensitivity indices", Computer Physics Communications 145; Saltelli et al. 2010, "Variance based sensitivity analysis
/// of model output. Design and estimator for the total sensitivity index", Computer Physics Communications 181). Base
/// matrices A and B are the first and last D columns of a 2D-dimensional Sobol sequence; rows come in SALib's order
/// per base sample: A, AB^1..AB^D, (second order) BA^1..BA^D, B.
/// </summary>
internal static class SaltelliScheme
{
    private const double TwoTo32 = 4294967296.0;

    // The sequence is randomised by a digital shift (each dimension's bits xor-ed with a seeded random word), which
    // keeps its stratification and moves every point off the cube's faces, so no parameter is ever sampled at an
    // infinite quantile; the seed then chooses one of many equally good designs. The half-unit centres each point in
    // its 2^-32 cell.
    public static IReadOnlyList<double[]> Rows(int dimension, int baseSamples, bool secondOrder, Random random)
    {
        var shifts = new uint[2 * dimension];
        for (var d = 0; d < shifts.Length; d++) shifts[d] = (uint)random.NextInt64(0, 1L << 32);
        var block = secondOrder ? 2 * dimension + 2 : dimension + 2;
        var rows = new List<double[]>(baseSamples * block);
        for (var j = 0; j < baseSamples; j++)
        {
            var bits = SobolSequence.PointBits(j, 2 * dimension);
            var both = new double[2 * dimension];
            for (var d = 0; d < both.Length; d++) both[d] = ((bits[d] ^ shifts[d]) + 0.5) / TwoTo32;
            var a = both[..dimension];
            var b = both[dimension..];
            rows.Add(a);
            for (var i = 0; i < dimension; i++) rows.Add(WithColumn(a, b, i));
            if (secondOrder)
                for (var i = 0; i < dimension; i++) rows.Add(WithColumn(b, a, i));
            rows.Add(b);
        }
        return rows;
    }

    private static double[] WithColumn(double[] baseRow, double[] donor, int column)
    {
        var row = (double[])baseRow.Clone();
        row[column] = donor[column];
        return row;
    }
}
