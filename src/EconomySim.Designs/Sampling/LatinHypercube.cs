using MathNet.Numerics;

namespace EconomySim.Designs;

/// <summary>
/// Latin hypercube sampling (McKay, Beckman and Conover 1979, "A comparison of three methods for selecting values of
/// input variables in the analysis of output from a computer code", Technometrics 21(2)): each dimension is cut into N
/// equal strata, a random permutation assigns one stratum to each row, and the point lies uniformly within it.
/// </summary>
internal static class LatinHypercube
{
    public static IReadOnlyList<double[]> Rows(int dimension, int count, Random random)
    {
        var rows = new double[count][];
        for (var r = 0; r < count; r++) rows[r] = new double[dimension];
        for (var d = 0; d < dimension; d++)
        {
            var strata = Combinatorics.GeneratePermutation(count, random);
            for (var r = 0; r < count; r++)
                rows[r][d] = (strata[r] + SeededRandom.OpenUnit(random)) / count;
        }
        return rows;
    }
}
