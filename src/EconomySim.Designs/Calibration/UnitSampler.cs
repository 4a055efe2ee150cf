using MathNet.Numerics.Random;

namespace EconomySim.Designs.Calibration;

/// <summary>Seeded draws inside a box of the unit hypercube, for calibration waves.</summary>
public static class UnitSampler
{
    /// <summary>
    /// A Latin hypercube (McKay, Beckman and Conover 1979) of <paramref name="count"/> rows inside [lower, upper]: each
    /// dimension's range is cut into <paramref name="count"/> equal strata and every stratum holds exactly one row, at a
    /// uniform position within it, the strata of different dimensions paired by independent random permutations.
    /// </summary>
    public static double[][] LatinHypercube(int count, double[] lower, double[] upper, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != upper.Length) throw new ArgumentException("lower and upper bounds have one value per dimension each");
        var random = Random(seed);
        var rows = Enumerable.Range(0, count).Select(_ => new double[lower.Length]).ToArray();
        for (var d = 0; d < lower.Length; d++)
        {
            var strata = Enumerable.Range(0, count).ToArray();
            // Fisher-Yates shuffle: every pairing of strata across dimensions equally likely.
            for (var i = count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }
            for (var i = 0; i < count; i++)
                rows[i][d] = lower[d] + (upper[d] - lower[d]) * ((strata[i] + random.NextDouble()) / count);
        }
        return rows;
    }

    /// <summary>A random stream that depends only on the seed, the same on every machine and .NET version.</summary>
    public static System.Random Random(long seed) => new Xoshiro256StarStar(unchecked((int)(seed ^ (seed >>> 32))), threadSafe: false);
}
