using MathNet.Numerics.Random;

namespace EconomySim.Designs.Calibration;

/// <summary>Seeded draws inside a box of the unit hypercube, for calibration waves.</summary>
public static class UnitSampler
{
    /// <summary>The design sampler's Latin hypercube (McKay, Beckman and Conover 1979), scaled from [0,1]^D into [lower, upper].</summary>
    public static double[][] LatinHypercube(int count, double[] lower, double[] upper, long seed)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != upper.Length) throw new ArgumentException("lower and upper bounds have one value per dimension each");
        var unit = DesignSampler.Sample(new DesignRequest(DesignMethod.LatinHypercube, lower.Length, count, seed));
        return unit.Rows.Select(row => row.Select((u, d) => lower[d] + (upper[d] - lower[d]) * u).ToArray()).ToArray();
    }

    /// <summary>A random stream that depends only on the seed, the same on every machine and .NET version.</summary>
    public static Random Random(long seed) => new Xoshiro256StarStar(unchecked((int)seed ^ (int)(seed >>> 32)), threadSafe: false);
}
