namespace EconomySim.Designs.Tests.Sensitivity;

/// <summary>Published test functions with known sensitivity indices, on inputs given in the unit cube.</summary>
internal static class TestFunctions
{
    /// <summary>
    /// Ishigami and Homma (1990) with a = 7, b = 0.1 on x_i uniform in [-pi, pi]. Its indices follow from the partial
    /// variances V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = 8 b^2 pi^8/225 and V = 1/2 + a^2/8 + b^2 pi^8/18 + b pi^4/5
    /// (as OpenTURNS' Ishigami use case and SALib's documentation give them): S1 = 0.3139, 0.4424, 0;
    /// ST = 0.5576, 0.4424, 0.2437; S13 = 0.2437 and no other interaction.
    /// </summary>
    public static double Ishigami(double[] unit)
    {
        var x = unit.Select(u => -Math.PI + 2 * Math.PI * u).ToArray();
        return Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);
    }

    /// <summary>
    /// Sobol's G function (Saltelli and Sobol 1995): prod (|4x_i - 2| + a_i) / (1 + a_i) on [0,1]^D. A factor's
    /// first-order partial variance is 1 / (3 (1 + a_i)^2), so the smaller a_i, the more important the factor.
    /// </summary>
    public static double SobolG(double[] x, double[] a)
    {
        var product = 1.0;
        for (var i = 0; i < x.Length; i++) product *= (Math.Abs(4 * x[i] - 2) + a[i]) / (1 + a[i]);
        return product;
    }

    public static IReadOnlyList<IReadOnlyList<double>> OneReplication(IEnumerable<double> outputs) =>
        outputs.Select(y => (IReadOnlyList<double>)[y]).ToList();
}
