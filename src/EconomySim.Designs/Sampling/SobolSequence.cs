using System.Globalization;

namespace EconomySim.Designs;

/// <summary>
/// The Sobol low-discrepancy sequence (Sobol 1967) with Joe and Kuo's 2008 direction numbers, in Gray-code order
/// (Antonov and Saleev 1979) as Joe and Kuo's own generator and SciPy's unscrambled engine give it: point 0 is the
/// origin, point 1 is (1/2, ..., 1/2). Points are held as 32-bit binary fractions, so the first 2^32 points are exact.
/// </summary>
public static class SobolSequence
{
    private const int Bits = 32;

    /// <summary>Dimension 1 plus one per line of direction numbers.</summary>
    public static int MaxDimension => Directions.Value.Length;

    private static readonly Lazy<uint[][]> Directions = new(BuildDirections);

    /// <summary>The point with the given index as 32-bit binary fractions (divide by 2^32 for the coordinate).</summary>
    public static uint[] PointBits(long index, int dimension)
    {
        if (index < 0 || index > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(index), index, "a Sobol point index lies in 0..2^32-1");
        if (dimension < 1 || dimension > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"the Sobol sequence here has 1..{MaxDimension} dimensions");
        var gray = (uint)index ^ ((uint)index >> 1);
        var directions = Directions.Value;
        var point = new uint[dimension];
        for (var bit = 0; gray != 0; bit++, gray >>= 1)
        {
            if ((gray & 1u) == 0) continue;
            for (var d = 0; d < dimension; d++) point[d] ^= directions[d][bit];
        }
        return point;
    }

    /// <summary>The point with the given index in [0,1)^dimension.</summary>
    public static double[] Point(long index, int dimension) =>
        Array.ConvertAll(PointBits(index, dimension), b => b / 4294967296.0);

    // V_k = m_k / 2^k held left-aligned in 32 bits; beyond the initial m_1..m_s the recurrence of the primitive
    // polynomial x^s + a_1 x^(s-1) + ... + a_(s-1) x + 1 gives V_k = V_(k-s) xor V_(k-s)/2^s xor sum a_j V_(k-j).
    private static uint[][] BuildDirections()
    {
        var lines = JoeKuoDirectionNumbers.Lines;
        var all = new uint[lines.Length + 1][];
        all[0] = new uint[Bits];
        for (var k = 0; k < Bits; k++) all[0][k] = 1u << (Bits - 1 - k);
        for (var line = 0; line < lines.Length; line++)
        {
            var fields = lines[line].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(f => uint.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var degree = (int)fields[1];
            var coefficients = fields[2];
            var v = new uint[Bits];
            for (var k = 0; k < Bits; k++)
            {
                if (k < degree)
                {
                    v[k] = fields[3 + k] << (Bits - 1 - k);
                    continue;
                }
                var next = v[k - degree] ^ (v[k - degree] >> degree);
                for (var j = 1; j < degree; j++)
                    if (((coefficients >> (degree - 1 - j)) & 1u) == 1u) next ^= v[k - j];
                v[k] = next;
            }
            all[line + 1] = v;
        }
        return all;
    }
}
