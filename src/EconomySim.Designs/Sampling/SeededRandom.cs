using MathNet.Numerics.Random;

namespace EconomySim.Designs;

/// <summary>The one random stream of a design, from its seed: the same seed gives the same rows on every machine.</summary>
internal static class SeededRandom
{
    // Xoshiro256** is seeded from 32 bits; folding both halves keeps seeds that differ only above bit 31 apart.
    public static Random For(long seed) => new Xoshiro256StarStar(unchecked((int)seed ^ (int)(seed >>> 32)), false);

    /// <summary>A uniform draw strictly inside (0,1), so a quantile function never meets an infinite tail.</summary>
    public static double OpenUnit(Random random)
    {
        double u;
        do u = random.NextDouble(); while (u <= 0.0);
        return u;
    }
}
