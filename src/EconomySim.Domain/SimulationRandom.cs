using System.Security.Cryptography;
using System.Text;

namespace EconomySim.Domain;

/// <summary>
/// Each organisation's own random stream (xoshiro256**), seeded from (run seed, organisation code) through SHA-256 so the
/// stream depends on nothing but those two values: not on thread, machine or the order in which actors start.
/// </summary>
public sealed class SimulationRandom
{
    private ulong _s0, _s1, _s2, _s3;

    private SimulationRandom(ulong a, ulong b, ulong c, ulong d)
    {
        _s0 = a; _s1 = b; _s2 = c; _s3 = d;
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 0x9E3779B97F4A7C15UL;
    }

    public static SimulationRandom For(long runSeed, string organisationCode)
    {
        Span<byte> hash = stackalloc byte[32];
        var input = Encoding.UTF8.GetBytes($"{runSeed}|{organisationCode}");
        SHA256.HashData(input, hash);
        return new SimulationRandom(
            BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]),
            BitConverter.ToUInt64(hash[16..24]), BitConverter.ToUInt64(hash[24..32]));
    }

    /// <summary>The full state, so an organisation's stream can be saved in a snapshot and carried on exactly.</summary>
    public (ulong, ulong, ulong, ulong) State => (_s0, _s1, _s2, _s3);

    public static SimulationRandom FromState((ulong, ulong, ulong, ulong) state) => new(state.Item1, state.Item2, state.Item3, state.Item4);

    public ulong NextUInt64()
    {
        var result = unchecked(ulong.RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextStandardNormal()
    {
        // Box-Muller; uses two draws every call so the stream position never depends on cached state.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// A count with mean <paramref name="mean"/> and Poisson-like spread: exact Poisson for small means, a rounded normal
    /// approximation above 30 where the two are indistinguishable for this model's purposes.
    /// </summary>
    public int NextCount(double mean)
    {
        if (mean <= 0) return 0;
        if (mean < 30)
        {
            var limit = Math.Exp(-mean);
            var k = 0;
            var p = NextDouble();
            while (p > limit) { k++; p *= NextDouble(); }
            return k;
        }
        var draw = mean + Math.Sqrt(mean) * NextStandardNormal();
        return draw <= 0 ? 0 : checked((int)Math.Round(draw, MidpointRounding.ToEven));
    }

    public bool NextBernoulli(double probability) => NextDouble() < probability;
}
