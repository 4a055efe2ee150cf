namespace EconomySim.Designs;

/// <summary>
/// Morris's elementary-effects trajectories (Morris 1991, "Factorial sampling plans for preliminary computational
/// experiments", Technometrics 33(2)): on a grid of p levels {0, 1/(p-1), ..., 1}, with p even and step
/// delta = p/(2(p-1)), each trajectory starts at a random grid point and moves one factor at a time, in random order,
/// by +delta or -delta, so D+1 rows give one elementary effect per factor.
/// </summary>
internal static class MorrisTrajectories
{
    public static IReadOnlyList<double[]> Rows(int dimension, int trajectories, int levels, Random random)
    {
        // Delta is p/2 grid steps, so positions are held as level indices and every value is exactly index/(p-1).
        var jump = levels / 2;
        var rows = new List<double[]>(trajectories * (dimension + 1));
        for (var t = 0; t < trajectories; t++)
        {
            // A factor's two values in the trajectory are a lower level and that level + delta: the lower level is
            // drawn from the first p/2 levels, so both stay on the grid; the direction says which comes first.
            var current = new int[dimension];
            var upward = new bool[dimension];
            for (var d = 0; d < dimension; d++)
            {
                var lower = random.Next(jump);
                upward[d] = random.Next(2) == 0;
                current[d] = upward[d] ? lower : lower + jump;
            }
            var order = MathNet.Numerics.Combinatorics.GeneratePermutation(dimension, random);
            rows.Add(Values(current, levels));
            foreach (var factor in order)
            {
                current[factor] += upward[factor] ? jump : -jump;
                rows.Add(Values(current, levels));
            }
        }
        return rows;
    }

    private static double[] Values(int[] levelIndices, int levels) =>
        Array.ConvertAll(levelIndices, i => (double)i / (levels - 1));

    public static double Delta(int levels) => levels / (2.0 * (levels - 1));
}
